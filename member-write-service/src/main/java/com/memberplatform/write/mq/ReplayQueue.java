package com.memberplatform.write.mq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that came by REST while MySQL was away, queued for replay on {@code member-commands}: the command consumer
 * applies them once MySQL answers again (it tries for about 4 h 48 min, see {@link CommandConsumer}), once per
 * idempotency key, in the same scope as the REST request, so a REST retry with the same key gets the replay's answer
 * and never runs it twice. The writes of one member go to one queue and are replayed in the order they were queued.
 */
public final class ReplayQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplayQueue.class);
    /** Message property naming where a command came from; {@link #REST} puts it in the REST request's scope. */
    static final String ORIGIN = "origin";
    static final String REST = "rest";

    private final DefaultMQProducer producer;
    private final ObjectMapper json;
    private final Counter queued;

    public ReplayQueue(DefaultMQProducer producer, ObjectMapper json, MeterRegistry meters) {
        this.producer = producer;
        this.json = json;
        this.queued = Counter.builder("member.write.queued").description("REST writes queued for replay while MySQL was away")
                .register(meters);
    }

    /** Queues the command (its request id is the REST Idempotency-Key); 503 when RocketMQ will not take it either. */
    public void enqueue(CommandMessage command) {
        Message message;
        try {
            message = new Message(CommandMessage.TOPIC, command.command().name(), command.requestId(), json.writeValueAsBytes(command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        message.putUserProperty(ORIGIN, REST);
        try {
            // One member's commands go to one queue, which the command consumer reads in order; a registration
            // (no member yet) goes by its key.
            String orderKey = command.memberId() != null ? command.memberId() : command.requestId();
            if (producer.send(message, (queues, sent, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size())), orderKey)
                    .getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("not stored");
            }
        } catch (Exception e) {
            log.warn("a {} of caller {} could not be queued for replay ({})", command.command(), command.callerId(),
                    e.getClass().getSimpleName());
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, "MySQL is unavailable and the write could not be queued; retry later");
        }
        queued.increment();
        log.info("a {} of caller {} is queued for replay: MySQL is unavailable", command.command(), command.callerId());
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
