package com.memberplatform.sync.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.messaging.BackgroundConsumer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds one target from its own consumer group, queue by queue in order (each member's events stay in version
 * order). Nothing is acknowledged before it is applied. A target that is down holds its queues and retries with
 * backoff until it is back, then catches up from its own offset; events it keeps refusing while up are sent to
 * {@code member-sync-dlq} with the reason, counted, and skipped.
 */
public final class TargetConsumer implements SmartLifecycle {

    public static final String DEAD_LETTER_TOPIC = "member-sync-dlq";
    private static final Logger log = LoggerFactory.getLogger(TargetConsumer.class);
    private static final int ATTEMPTS_BEFORE_DEAD_LETTER = 5;

    private final Store target;
    private final TargetWriter writer;
    private final Supplier<DefaultMQPushConsumer> consumers;
    private final DefaultMQProducer deadLetters;
    private final ObjectMapper json;
    private final Timer lag;
    private final Timer batches;
    private final Counter applied;
    private final Counter deadLettered;
    private volatile BackgroundConsumer consumer;

    /** @param consumers makes a configured, not yet subscribed consumer of this target's group (one per start attempt) */
    public TargetConsumer(Store target, TargetWriter writer, Supplier<DefaultMQPushConsumer> consumers,
                          DefaultMQProducer deadLetters, ObjectMapper json, MeterRegistry meters) {
        this.target = target;
        this.writer = writer;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.json = json;
        String name = target.name().toLowerCase();
        this.lag = histogram("member.sync.lag", "event time to applied, per target", name, meters);
        this.batches = histogram("member.sync.batch", "time to apply one batch of events, per target", name, meters);
        this.applied = Counter.builder("member.sync.applied").tag("target", name).register(meters);
        this.deadLettered = Counter.builder("member.sync.dead.letters").tag("target", name).register(meters);
    }

    /** Buckets as well as percentiles: Prometheus (and the sync benchmark) can compute quantiles over any window. */
    private static Timer histogram(String name, String description, String target, MeterRegistry meters) {
        return Timer.builder(name).description(description).tag("target", target).publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
    }

    /** Subscribes in the background (the name server may be away or slow): see {@link BackgroundConsumer}. */
    @Override
    public void start() {
        consumer = BackgroundConsumer.start(consumerGroup(target), () -> {
            DefaultMQPushConsumer next = consumers.get();
            try {
                next.subscribe(MemberChangeEvent.TOPIC, "*");
            } catch (MQClientException e) {
                throw new IllegalStateException("could not subscribe the " + target + " consumer", e);
            }
            next.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                Duration backoff = consume(messages);
                if (backoff == null) {
                    return ConsumeOrderlyStatus.SUCCESS;
                }
                context.setSuspendCurrentQueueTimeMillis(backoff.toMillis());
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            });
            return next;
        });
    }

    /** DOWN with the reason until the consumer has started. */
    public Health health() {
        BackgroundConsumer started = consumer;
        return started == null ? Health.down().withDetail("reason", "not started").build() : started.health();
    }

    /** Applies a batch; returns null when it is done with (applied or dead-lettered), else how long to wait. */
    Duration consume(List<MessageExt> messages) {
        List<MemberChangeEvent> events = new ArrayList<>();
        List<MessageExt> parsed = new ArrayList<>();
        for (MessageExt message : messages) {
            try {
                events.add(json.readValue(message.getBody(), MemberChangeEvent.class));
                parsed.add(message);
            } catch (Exception e) {
                if (!deadLetter(message, "MALFORMED_EVENT", e.getClass().getSimpleName())) {
                    return Duration.ofSeconds(1);
                }
            }
        }
        int attempts = messages.get(0).getReconsumeTimes();
        long started = System.nanoTime();
        try {
            writer.apply(events);
            batches.record(Duration.ofNanos(System.nanoTime() - started));
        } catch (TargetUnavailableException e) {
            if (attempts % 20 == 0) {
                log.warn("{} unavailable ({}); holding its queue and retrying", target, e.getMessage());
            }
            return backoff(attempts);
        } catch (RuntimeException e) {
            if (attempts + 1 < ATTEMPTS_BEFORE_DEAD_LETTER) {
                log.warn("{} refused {} events ({}); retry {}", target, events.size(), e.getMessage(), attempts + 1);
                return backoff(attempts);
            }
            return oneByOne(parsed, events);
        }
        Instant now = Instant.now();
        events.forEach(event -> lag.record(Duration.between(event.occurredAt(), now).isNegative()
                ? Duration.ZERO : Duration.between(event.occurredAt(), now)));
        applied.increment(events.size());
        return null;
    }

    /**
     * A batch the target keeps refusing: apply its events one at a time, in order, so that only the events that
     * are refused on their own go to the dead letters.
     */
    private Duration oneByOne(List<MessageExt> messages, List<MemberChangeEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                writer.apply(List.of(events.get(i)));
                applied.increment();
            } catch (TargetUnavailableException e) {
                return backoff(0);
            } catch (RuntimeException e) {
                if (!deadLetter(messages.get(i), "REFUSED_BY_TARGET", String.valueOf(e.getMessage()))) {
                    return Duration.ofSeconds(1);
                }
            }
        }
        return null;
    }

    private static Duration backoff(int attempts) {
        return Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempts, 6)));
    }

    private boolean deadLetter(MessageExt message, String reason, String detail) {
        Message letter = new Message(DEAD_LETTER_TOPIC, target.name(), message.getKeys(), message.getBody());
        letter.putUserProperty("target", target.name());
        letter.putUserProperty("reason", reason);
        letter.putUserProperty("detail", detail.length() > 500 ? detail.substring(0, 500) : detail);
        letter.putUserProperty("originMsgId", message.getMsgId());
        try {
            boolean sent = deadLetters.send(letter).getSendStatus() == SendStatus.SEND_OK;
            if (sent) {
                deadLettered.increment();
                log.error("{}: event of member {} dead-lettered ({})", target, message.getKeys(), reason);
            }
            return sent;
        } catch (Exception e) {
            log.warn("{}: could not dead-letter an event ({}); it stays in the queue", target, e.getClass().getSimpleName());
            return false;
        }
    }

    public Store target() {
        return target;
    }

    /** Every store a change is replicated to: all but MySQL, the source. */
    public static List<Store> targets() {
        return Arrays.stream(Store.values()).filter(store -> store.kind() != Store.Kind.DATABASE).toList();
    }

    /** The consumer group of a target, e.g. {@code member-sync-es-primary}: each target has its own offsets and lag. */
    public static String consumerGroup(Store target) {
        return "member-sync-" + target.tag().replace('_', '-');
    }

    @Override
    public void stop() {
        BackgroundConsumer started = consumer;
        consumer = null;
        if (started != null) {
            started.close();
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
