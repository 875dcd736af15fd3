package com.memberplatform.write.outbox;

import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.OnMaster;
import com.memberplatform.stores.mysql.OutboxRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the change events waiting in the outbox to {@code member-change-events}, read on center A's master (never a
 * replica), oldest first, each member's events to one queue (chosen by member id) and in version order, and deletes
 * a row only after the broker confirmed it.
 * When the broker is down the rows wait and the relay tries again; a member whose event failed is skipped for the
 * rest of the round so its later events cannot overtake it. A round sends only while its lease surely outlasts the
 * send it begins (the producer's send timeout), so no round of a relay that lost its lease overlaps the next
 * holder's ({@code member.outbox.relay.round} times them). Delivery is at least once: consumers rely on versions.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    /** While MySQL stays away every round fails the same way: say so once, then once a minute. */
    private static final long REPEAT_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final MemberRecords records;
    private final RelayLease lease;
    private final DefaultMQProducer producer;
    private final long intervalMillis;
    private final Duration sendTimeout;
    private final Timer rounds;
    private ScheduledExecutorService loop;
    private volatile boolean running;
    private String failing;
    private long failingLoggedAt;

    OutboxRelay(MemberRecords records, RelayLease lease, DefaultMQProducer producer, long intervalMillis, MeterRegistry meters) {
        this.records = records;
        this.lease = lease;
        this.producer = producer;
        this.intervalMillis = intervalMillis;
        this.sendTimeout = Duration.ofMillis(producer.getSendMsgTimeout());
        this.rounds = Timer.builder("member.outbox.relay.round").description("time of one relay round; never longer than the lease")
                .register(meters);
    }

    @Override
    public void start() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        loop.scheduleWithFixedDelay(this::round, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** One pass: returns how many events were sent. */
    int round() {
        long started = System.nanoTime();
        try {
            return relay();
        } finally {
            rounds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private int relay() {
        try {
            if (!lease.holdOrTake()) {
                return 0;
            }
            // On the master: a replica may be stopped (no event would leave) or behind (rows sent and deleted on the
            // master would be sent again).
            List<OutboxRow> pending = OnMaster.read(() -> records.pendingOutbox(BATCH));
            Set<Long> blocked = new HashSet<>();
            int sent = 0;
            for (OutboxRow row : pending) {
                if (!lease.heldFor(sendTimeout)) {
                    break; // a send begun now could end after the lease: the rest waits for the next round's renewal
                }
                if (blocked.contains(row.memberId())) {
                    continue;
                }
                if (send(row)) {
                    records.deleteOutbox(row.memberId(), row.eventId());
                    sent++;
                } else {
                    blocked.add(row.memberId());
                }
            }
            if (failing != null) {
                log.info("outbox relay rounds work again");
                failing = null;
            }
            return sent;
        } catch (RuntimeException e) {
            String failure = e.getClass().getSimpleName();
            long now = System.nanoTime();
            if (!failure.equals(failing) || now - failingLoggedAt > REPEAT_LOG_NANOS) {
                log.warn("outbox relay round failed ({}); retrying every {} ms", failure, intervalMillis);
                failing = failure;
                failingLoggedAt = now;
            }
            return 0;
        }
    }

    private boolean send(OutboxRow row) {
        Message message = new Message(MemberChangeEvent.TOPIC, row.changeType(), Long.toString(row.memberId()),
                row.payload().getBytes(StandardCharsets.UTF_8));
        try {
            SendResult result = producer.send(message,
                    (queues, msg, memberId) -> queues.get((int) Math.floorMod((Long) memberId, (long) queues.size())),
                    row.memberId());
            return result.getSendStatus() == SendStatus.SEND_OK;
        } catch (Exception e) {
            log.warn("could not send event {} of member {} v{} ({}); it stays in the outbox", row.eventId(), row.memberId(),
                    row.version(), e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            lease.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("could not release the relay lease");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
