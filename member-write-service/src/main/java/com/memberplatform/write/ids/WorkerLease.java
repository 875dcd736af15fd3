package com.memberplatform.write.ids;

import com.memberplatform.stores.startup.BackgroundStart;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Leases one of the 1,024 worker ids in {@code member_meta.id_worker} so no two running instances share one. The
 * lease lasts 60 s and is renewed every 10 s; an instance that cannot renew stops issuing ids before the lease
 * could pass to somebody else. The lease is taken in the background ({@link BackgroundStart}): a write service starts
 * while MySQL is away, refuses ids (as MySQL being away) until it holds a lease, and reports that in its health entry
 * {@code workerLease}.
 */
public final class WorkerLease implements AutoCloseable, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WorkerLease.class);
    private static final int LEASE_SECONDS = 60;

    private final JdbcTemplate meta;
    private final String owner = UUID.randomUUID().toString();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "worker-lease");
        thread.setDaemon(true);
        return thread;
    });
    private final BackgroundStart<Integer> lease;
    private volatile long validUntilNanos;

    public WorkerLease(JdbcTemplate meta) {
        this.meta = meta;
        this.lease = BackgroundStart.begin("id worker lease", this::acquire, worker -> { }).awaitFirstAttempt(Duration.ofSeconds(10));
        renewal.scheduleWithFixedDelay(this::renew, 10, 10, TimeUnit.SECONDS);
    }

    private int acquire() {
        int worker = take();
        validUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS - 15);
        log.info("leased id worker {}", worker);
        return worker;
    }

    private int take() {
        for (int candidate = 0; candidate < IdGenerator.MAX_WORKERS; candidate++) {
            meta.update("INSERT IGNORE INTO id_worker (worker_id, owner, lease_until) VALUES (?, '', NOW(3) - INTERVAL 1 SECOND)", candidate);
            int taken = meta.update("UPDATE id_worker SET owner = ?, lease_until = NOW(3) + INTERVAL ? SECOND "
                    + "WHERE worker_id = ? AND lease_until < NOW(3)", owner, LEASE_SECONDS, candidate);
            if (taken == 1) {
                return candidate;
            }
        }
        throw new IllegalStateException("all " + IdGenerator.MAX_WORKERS + " id workers are leased");
    }

    private void renew() {
        if (lease.value().isEmpty()) {
            return;
        }
        int worker = lease.value().get();
        try {
            int renewed = meta.update("UPDATE id_worker SET lease_until = NOW(3) + INTERVAL ? SECOND WHERE worker_id = ? AND owner = ?",
                    LEASE_SECONDS, worker, owner);
            if (renewed == 1) {
                validUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS - 15);
            } else {
                log.error("id worker {} lease was lost", worker);
                validUntilNanos = 0;
            }
        } catch (RuntimeException e) {
            log.warn("could not renew id worker {} lease ({})", worker, e.getClass().getSimpleName());
        }
    }

    /** The leased worker id; refuses once the lease may have lapsed (MySQL's member_meta was away for its renewals). */
    public int worker() {
        int worker = lease.value().orElseThrow(() -> new DataAccessResourceFailureException(lease.reason()));
        if (System.nanoTime() > validUntilNanos) {
            throw new DataAccessResourceFailureException("the id worker lease has lapsed: member_meta could not be reached");
        }
        return worker;
    }

    /** Waits at most {@code max} for a lease (one-shot commands that issue ids right after the start). */
    public boolean awaitLease(Duration max) {
        return lease.awaitStarted(max);
    }

    /** DOWN while no lease is held yet, or after it may have lapsed. */
    @Override
    public Health health() {
        if (lease.value().isEmpty()) {
            return lease.health();
        }
        return System.nanoTime() > validUntilNanos
                ? Health.down().withDetail("worker", lease.value().get()).withDetail("reason", "the lease has lapsed").build()
                : Health.up().withDetail("worker", lease.value().get()).build();
    }

    @Override
    public void close() {
        renewal.shutdownNow();
        lease.close();
        if (lease.value().isEmpty()) {
            return;
        }
        int worker = lease.value().get();
        try {
            meta.update("UPDATE id_worker SET lease_until = NOW(3) - INTERVAL 1 SECOND WHERE worker_id = ? AND owner = ?", worker, owner);
        } catch (RuntimeException e) {
            log.debug("could not hand back id worker {}", worker);
        }
    }

}
