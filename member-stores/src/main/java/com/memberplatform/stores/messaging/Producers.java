package com.memberplatform.stores.messaging;

import java.util.UUID;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/** Started RocketMQ producers, each with a client instance of its own (several contexts may share one JVM). */
public final class Producers {

    private Producers() {
    }

    public static DefaultMQProducer start(RocketMqEndpoints endpoints, String group) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(endpoints.nameServer());
        producer.setInstanceName(group + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        producer.setSendMsgTimeout(3_000);
        producer.setRetryTimesWhenSendFailed(1);
        producer.start();
        return producer;
    }
}
