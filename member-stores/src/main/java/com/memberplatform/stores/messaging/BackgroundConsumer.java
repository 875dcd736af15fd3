package com.memberplatform.stores.messaging;

import com.memberplatform.stores.startup.BackgroundStart;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A RocketMQ push consumer started in the background ({@link BackgroundStart}): a push consumer asks the name server
 * for its topic's route while it starts and throws when the name server is stopped, frozen or slow, and a consumer
 * whose start threw cannot be started again. So each attempt takes a new consumer from {@code factory} (configured,
 * subscribed, its listener registered) and shuts it down when its start fails. Health: DOWN with the reason until
 * one has started, then UP with the number of queues RocketMQ gave it.
 */
public final class BackgroundConsumer implements HealthIndicator, AutoCloseable {

    /** Without its name server the first attempt ends within RocketMQ's own timeouts (3 s); a healthy one sooner. */
    private static final Duration FIRST_ATTEMPT_WAIT = Duration.ofSeconds(5);

    private final String group;
    private final BackgroundStart<DefaultMQPushConsumer> start;

    private BackgroundConsumer(String group, BackgroundStart<DefaultMQPushConsumer> start) {
        this.group = group;
        this.start = start;
    }

    /** Begins starting consumers from {@code factory} until one has started; waits briefly for the first attempt. */
    public static BackgroundConsumer start(String group, Supplier<DefaultMQPushConsumer> factory) {
        BackgroundStart<DefaultMQPushConsumer> start = BackgroundStart.begin("consumer " + group, () -> {
            DefaultMQPushConsumer consumer = factory.get();
            try {
                consumer.start();
                return consumer;
            } catch (Exception | LinkageError e) {
                consumer.shutdown();
                throw e;
            }
        }, DefaultMQPushConsumer::shutdown);
        return new BackgroundConsumer(group, start.awaitFirstAttempt(FIRST_ATTEMPT_WAIT));
    }

    @Override
    public Health health() {
        return start.value()
                .map(consumer -> Health.up().withDetail("group", group)
                        .withDetail("queues", consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().size()))
                .orElseGet(() -> Health.down().withDetails(start.health().getDetails()).withDetail("group", group))
                .build();
    }

    /** Stops retrying and shuts the started consumer down. */
    @Override
    public void close() {
        start.close();
    }
}
