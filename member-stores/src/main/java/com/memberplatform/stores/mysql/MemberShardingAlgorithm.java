package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.api.topology.ShardTopology.ShardAddress;
import java.util.Collection;
import java.util.Properties;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * ShardingSphere's view of {@link ShardTopology}: the routing rule lives once, in member-api, and this class only
 * translates. Configured per strategy with the properties {@code databases}, {@code tables-per-database},
 * {@code target} ({@code database} or {@code table}) and {@code key} ({@code member-id} or {@code hash}).
 */
public final class MemberShardingAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    private ShardTopology topology;
    private boolean database;
    private boolean byMemberId;

    @Override
    public void init(Properties props) {
        topology = new ShardTopology(Integer.parseInt(props.getProperty("databases")),
                Integer.parseInt(props.getProperty("tables-per-database")));
        database = "database".equals(props.getProperty("target"));
        byMemberId = "member-id".equals(props.getProperty("key"));
    }

    @Override
    public String doSharding(Collection<String> targets, PreciseShardingValue<Comparable<?>> value) {
        ShardAddress address = byMemberId
                ? topology.ofMemberId(((Number) value.getValue()).longValue())
                : topology.ofKey(value.getValue().toString());
        String wanted = database ? ShardedMysql.dataSourceName(address.database()) : address.table(value.getLogicTableName());
        if (!targets.contains(wanted)) {
            throw new IllegalStateException("shard " + wanted + " is not among the configured data nodes");
        }
        return wanted;
    }

    /** Ranges over a hash are meaningless: a range query scatters, and the hot path never issues one. */
    @Override
    public Collection<String> doSharding(Collection<String> targets, RangeShardingValue<Comparable<?>> value) {
        return targets;
    }

    @Override
    public String getType() {
        return "CLASS_BASED";
    }
}
