package com.memberplatform.stores.messaging;

import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;

/** RocketMQ push consumers, not yet subscribed or started, configured alike for every service and test. */
public final class Consumers {

    private Consumers() {
    }

    /**
     * A push consumer of {@code group} with a client instance of its own (several contexts, or a retried start, may
     * share one JVM) that shares queues by {@link DistinctClients}.
     */
    public static DefaultMQPushConsumer push(String nameServer, String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(group + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        consumer.setAllocateMessageQueueStrategy(new DistinctClients());
        return consumer;
    }
}
