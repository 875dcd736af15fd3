package com.memberplatform.stores.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

class DistinctClientsTest {

    private final DistinctClients strategy = new DistinctClients();

    /**
     * Whatever the broker lists (each live client once or more, in any order), the live clients together read every
     * queue, each queue once, and no client's share depends on how often it is listed.
     */
    @Test
    void shouldGiveEveryQueueToExactlyOneLiveClientHoweverOftenTheBrokerListsThem() {
        Random random = new Random(20261204L);
        for (int run = 0; run < 2_000; run++) {
            int queueCount = 1 + random.nextInt(16);
            List<MessageQueue> queues = IntStream.range(0, queueCount)
                    .mapToObj(id -> new MessageQueue("member-change-events", "broker-a", id)).toList();
            List<String> live = IntStream.range(0, 1 + random.nextInt(6)).mapToObj(i -> "10.0.0." + i + "@sync-" + i).toList();
            List<String> listed = new ArrayList<>(live);
            for (int extra = random.nextInt(12); extra > 0; extra--) {
                listed.add(live.get(random.nextInt(live.size())));
            }
            Collections.shuffle(listed, random);
            String seen = "run " + run + ": " + queueCount + " queues, listed " + listed;

            List<MessageQueue> read = new ArrayList<>();
            for (String client : live) {
                List<MessageQueue> share = strategy.allocate("member-sync-es-primary", client, queues, listed);
                assertThat(share).as(seen).isEqualTo(strategy.allocate("member-sync-es-primary", client, queues, live));
                read.addAll(share);
            }
            assertThat(read).as(seen).containsExactlyInAnyOrderElementsOf(queues);
        }
    }
}
