package com.memberplatform.write.web;

import com.memberplatform.stores.mysql.MemberRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Forgets the idempotency records older than {@code member.idempotency.retention} (24 h; decision 0025), every
 * {@code member.idempotency.expiry-interval} (10 min), on every shard. The retention outlasts every way a request
 * comes back with its key: a caller's retries (seconds to minutes) and the redeliveries of an MQ command or of a
 * queued REST write (4 h 48 min). A key used again after that runs as a new request. Every instance runs it; the
 * deletes are idempotent. The cut-off is this instance's clock against the database's stamps: seconds of skew do not
 * matter against a day. {@code member.idempotency.expiry.enabled=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "member.idempotency.expiry.enabled", havingValue = "true", matchIfMissing = true)
class IdempotencyExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyExpiry.class);

    private final MemberRecords records;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private final Counter expired;
    private ScheduledExecutorService loop;
    private volatile boolean running;

    IdempotencyExpiry(MemberRecords records, Clock clock, MeterRegistry meters,
                      @Value("${member.idempotency.retention:24h}") Duration retention,
                      @Value("${member.idempotency.expiry-interval:10m}") Duration interval) {
        if (retention.compareTo(IdempotentRequests.ABANDONED_AFTER) <= 0) {
            throw new IllegalArgumentException("member.idempotency.retention must be longer than " + IdempotentRequests.ABANDONED_AFTER);
        }
        this.records = records;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
        this.expired = Counter.builder("member.idempotency.expired").description("idempotency records forgotten after the retention")
                .register(meters);
    }

    /** One pass: returns how many records were forgotten. */
    int expire() {
        int forgotten = records.expireIdempotent(clock.instant().minus(retention));
        expired.increment(forgotten);
        return forgotten;
    }

    private void expireQuietly() {
        try {
            int forgotten = expire();
            if (forgotten > 0) {
                log.info("forgot {} idempotency records older than {}", forgotten, retention);
            }
        } catch (RuntimeException e) {
            log.warn("could not forget old idempotency records ({}); trying again in {}", e.getClass().getSimpleName(), interval);
        }
    }

    @Override
    public void start() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "idempotency-expiry");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::expireQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        loop.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
