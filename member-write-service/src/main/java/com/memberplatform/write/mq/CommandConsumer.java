package com.memberplatform.write.mq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.stores.messaging.BackgroundConsumer;
import com.memberplatform.web.ApiException;
import com.memberplatform.write.web.GuardedWrites;
import com.memberplatform.write.web.IdempotentRequests;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.ResponseEntity;

/**
 * Applies write commands from {@code member-commands}. A command runs once per request id (a redelivery or a
 * replay is acknowledged without running again). A command that cannot be applied (malformed, unknown caller,
 * refused by governance) goes to {@code member-commands-dlq} with its reason in the message properties; a
 * command that failed for a passing reason (MySQL away or its breaker open, a conflict) is tried again every
 * {@link CommandConsumerConfiguration#RETRY_EVERY}, holding back the commands behind it in its queue, and after
 * {@link CommandConsumerConfiguration#RETRIES} tries ends up in RocketMQ's own dead-letter queue. Commands are
 * consumed in queue order, so the commands of one member that were sent to one queue ({@link ReplayQueue} sends by
 * member id) run in the order they were accepted. Nothing is acknowledged before it is applied or dead-lettered.
 * Writes queued by the REST API while MySQL was away arrive here too.
 */
public final class CommandConsumer implements SmartLifecycle, HealthIndicator {

    /** The consumer group of the write service's command consumers. */
    public static final String GROUP = "member-write-commands";

    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String REQUEST_ID = "requestId";

    private final Supplier<DefaultMQPushConsumer> consumers;
    private final DefaultMQProducer deadLetters;
    private final GuardedWrites writes;
    private final LiveDocument<CallerRegistry> callers;
    private final ObjectMapper json;
    private volatile BackgroundConsumer consumer;

    /** @param consumers makes a configured, not yet subscribed consumer (one per start attempt) */
    CommandConsumer(Supplier<DefaultMQPushConsumer> consumers, DefaultMQProducer deadLetters, GuardedWrites writes,
                    LiveDocument<CallerRegistry> callers, ObjectMapper json) {
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.writes = writes;
        this.callers = callers;
        this.json = json;
    }

    /** Subscribes in the background (the name server may be away or slow): see {@link BackgroundConsumer}. */
    @Override
    public void start() {
        consumer = BackgroundConsumer.start(GROUP, () -> {
            DefaultMQPushConsumer next = consumers.get();
            try {
                next.subscribe(CommandMessage.TOPIC, "*");
            } catch (MQClientException e) {
                throw new IllegalStateException("could not subscribe the command consumer", e);
            }
            // Orderly: a queue's commands run one after the other, and one that must wait (MySQL away) holds back
            // the later ones of its queue, so the writes of one member (one queue, ReplayQueue) keep their order.
            next.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                for (MessageExt message : messages) {
                    if (!consume(message)) {
                        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
                    }
                }
                return ConsumeOrderlyStatus.SUCCESS;
            });
            return next;
        });
    }

    /** The health entry {@code commandConsumer}: DOWN with the reason until the consumer has started. */
    @Override
    public Health health() {
        BackgroundConsumer started = consumer;
        return started == null ? Health.down().withDetail("reason", "not started").build() : started.health();
    }

    /** Returns true once the message is applied or dead-lettered, false to have it redelivered. */
    boolean consume(MessageExt message) {
        CommandMessage command;
        try {
            command = json.readValue(message.getBody(), CommandMessage.class);
        } catch (Exception e) {
            return deadLetter(message, ErrorCode.MALFORMED_REQUEST, "not a command message", null);
        }
        if (command.command() == null || command.requestId() == null) {
            return deadLetter(message, ErrorCode.VALIDATION_FAILED, "command and requestId are required", command.requestId());
        }
        Optional<Caller> caller = Optional.ofNullable(command.callerId()).flatMap(callers.current()::byId);
        if (caller.isEmpty()) {
            return deadLetter(message, ErrorCode.UNAUTHENTICATED, "unknown caller", command.requestId());
        }
        if (!caller.get().may(Permission.WRITE)) {
            return deadLetter(message, ErrorCode.FORBIDDEN, "caller may not write", command.requestId());
        }
        // A REST write queued while MySQL was away keeps the REST request's scope, so a REST retry with its key
        // gets this answer; commands sent on MQ by the business lines have a scope of their own.
        String scope = ReplayQueue.REST.equals(message.getUserProperty(ReplayQueue.ORIGIN)) ? caller.get().callerId()
                : "mq:" + caller.get().callerId();
        try {
            Optional<ResponseEntity<?>> applied = writes.run(scope, command.requestId(), command);
            if (applied.isEmpty()) {
                log.info("command {} waits for MySQL; it will be redelivered", command.requestId());
                return false;
            }
            ResponseEntity<?> answer = applied.get();
            if (answer.getHeaders().containsKey(IdempotentRequests.REPLAYED) || answer.getStatusCode().is2xxSuccessful()) {
                return true;
            }
            JsonNode problem = json.valueToTree(answer.getBody());
            return deadLetter(message, ErrorCode.valueOf(problem.path("code").asText(ErrorCode.INTERNAL_ERROR.name())),
                    problem.path("detail").asText(""), command.requestId());
        } catch (ApiException refused) {
            if (refused.code() == ErrorCode.CONCURRENT_MODIFICATION) {
                return false;
            }
            return deadLetter(message, refused.code(), refused.getMessage(), command.requestId());
        } catch (InvalidValueException invalid) {
            return deadLetter(message, ErrorCode.VALIDATION_FAILED, invalid.getMessage(), command.requestId());
        } catch (RuntimeException failed) {
            log.warn("command {} failed ({}); it will be redelivered", command.requestId(), failed.getClass().getSimpleName());
            return false;
        }
    }

    private boolean deadLetter(MessageExt original, ErrorCode reason, String detail, String requestId) {
        Message letter = new Message(CommandMessage.DEAD_LETTER_TOPIC, reason.code(), original.getKeys(), original.getBody());
        letter.putUserProperty(REASON, reason.code());
        letter.putUserProperty(DETAIL, detail == null ? "" : detail);
        letter.putUserProperty("originMsgId", original.getMsgId());
        if (requestId != null) {
            letter.putUserProperty(REQUEST_ID, requestId);
        }
        try {
            boolean sent = deadLetters.send(letter).getSendStatus() == SendStatus.SEND_OK;
            log.info("command {} dead-lettered: {}", requestId, reason.code());
            return sent;
        } catch (Exception e) {
            log.warn("could not dead-letter command {} ({}); it will be redelivered", requestId, e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void stop() {
        BackgroundConsumer started = consumer;
        consumer = null;
        if (started != null) {
            started.close();
        }
        deadLetters.shutdown();
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
