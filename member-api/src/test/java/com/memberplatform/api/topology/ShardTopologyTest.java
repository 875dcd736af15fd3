package com.memberplatform.api.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTopologyTest {

    @Test
    void shouldUseEveryTableWhenDatabaseAndTableCountsShareAFactor() {
        ShardTopology topology = new ShardTopology(2, 4);
        Map<ShardTopology.ShardAddress, Integer> rows = new HashMap<>();

        for (long id = 1; id <= 8_000; id++) {
            rows.merge(topology.ofMemberId(id), 1, Integer::sum);
        }

        assertThat(rows).hasSize(8);
        assertThat(rows.values()).allMatch(count -> count == 1_000);
    }

    @Test
    void shouldSpreadKeysOverAllShardsOfTheProductionTopology() {
        ShardTopology topology = new ShardTopology(16, 64);
        Map<ShardTopology.ShardAddress, Integer> rows = new HashMap<>();

        for (int i = 0; i < 200_000; i++) {
            rows.merge(topology.ofKey("+86138" + String.format("%08d", i)), 1, Integer::sum);
        }

        assertThat(topology.shards()).isEqualTo(1024);
        assertThat(rows).hasSize(1024);
        // 195 rows per shard on average: no shard should be far off.
        assertThat(rows.values()).allMatch(count -> count > 100 && count < 300);
    }

    @Test
    void shouldPlaceTheSameKeyOnTheSameShardEveryTime() {
        ShardTopology topology = new ShardTopology(16, 64);

        assertThat(topology.ofKey("WECHAT|WECHAT_OPENID|wx1|oAbcdef"))
                .isEqualTo(topology.ofKey("WECHAT|WECHAT_OPENID|wx1|oAbcdef"));
        assertThat(ShardTopology.hash("123456789")).isEqualTo(0xCBF43926L);
    }
}
