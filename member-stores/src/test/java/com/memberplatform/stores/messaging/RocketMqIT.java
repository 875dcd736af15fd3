package com.memberplatform.stores.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.stores.StackEndpoints;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** Two consumer groups on one topic each receive every message: the basis of one group per sync target. */
@WithLocalStack
class RocketMqIT {

    private static final String TOPIC = "stack-selftest";
    private static String nameServer;

    @BeforeAll
    static void endpoints(LocalStack stack) {
        new RocketMqConfiguration();
        nameServer = StackEndpoints.rocketmq(stack).nameServer();
    }

    @Test
    void shouldDeliverEveryMessageToEachConsumerGroup() throws Exception {
        String run = UUID.randomUUID().toString();
        Set<String> receivedByFirst = ConcurrentHashMap.newKeySet();
        Set<String> receivedBySecond = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer first = consumer("it-first-" + run, run, receivedByFirst);
        DefaultMQPushConsumer second = consumer("it-second-" + run, run, receivedBySecond);
        DefaultMQProducer producer = new DefaultMQProducer("it-producer-" + run);
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName("it-producer-" + run);
        producer.start();
        try {
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = run + ":" + i;
                Message message = new Message(TOPIC, "it", body.getBytes(StandardCharsets.UTF_8));
                assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                sent.add(body);
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(receivedByFirst).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(receivedBySecond).containsExactlyInAnyOrderElementsOf(sent);
            });
        } finally {
            producer.shutdown();
            first.shutdown();
            second.shutdown();
        }
    }

    @Test
    void shouldReportTheBrokerHealthy() throws Exception {
        try (RocketMqHealth health = new RocketMqHealth(nameServer)) {
            health.start();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    private static DefaultMQPushConsumer consumer(String group, String run, Set<String> received) throws Exception {
        DefaultMQPushConsumer consumer = Consumers.push(nameServer, group);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                    .filter(body -> body.startsWith(run)).forEach(received::add);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
