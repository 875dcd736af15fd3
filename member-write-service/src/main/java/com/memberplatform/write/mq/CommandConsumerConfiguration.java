package com.memberplatform.write.mq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.stores.messaging.Producers;
import com.memberplatform.stores.messaging.RocketMqEndpoints;
import com.memberplatform.write.web.GuardedWrites;
import java.util.function.Supplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MQ command consumer (consumer group {@code member-write-commands}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "member.commands.consumer.enabled", havingValue = "true", matchIfMissing = true)
public class CommandConsumerConfiguration {

    /** How long a command that must wait (MySQL away) holds its queue before it is tried again. */
    static final java.time.Duration RETRY_EVERY = java.time.Duration.ofSeconds(5);
    /** Tries before a command goes to RocketMQ's dead-letter queue: 3,456 x 5 s = 4 h 48 min of waiting for MySQL. */
    static final int RETRIES = 3_456;

    @Bean
    CommandConsumer commandConsumer(RocketMqEndpoints endpoints, GuardedWrites writes, LiveDocument<CallerRegistry> callers,
                                    ObjectMapper json) throws MQClientException {
        Supplier<DefaultMQPushConsumer> consumer = () -> {
            DefaultMQPushConsumer next = Consumers.push(endpoints.nameServer(), CommandConsumer.GROUP);
            next.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            next.setMaxReconsumeTimes(RETRIES);
            next.setSuspendCurrentQueueTimeMillis(RETRY_EVERY.toMillis());
            next.setConsumeThreadMin(4);
            next.setConsumeThreadMax(8);
            return next;
        };
        DefaultMQProducer deadLetters = Producers.start(endpoints, "member-write-dead-letters");
        return new CommandConsumer(consumer, deadLetters, writes, callers, json.copy()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
    }
}
