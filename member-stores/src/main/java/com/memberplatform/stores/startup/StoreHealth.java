package com.memberplatform.stores.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * The health entry of one store, answered within {@link #DEADLINE} whatever its servers do. Spring Boot asks health
 * indicators one after another, so a frozen server (it accepts connections and answers nothing) made each of its
 * checks wait out its client's timeouts, and a service with one frozen store of each kind took 4 to 8 s to answer
 * its health: longer than the probes that ask it. Here every server's check runs at once on its own thread; one that
 * has not answered by the deadline is DOWN with the reason "no answer within ...", and its check goes on in the
 * background (one at a time per server: the next request waits on the same check instead of piling up threads).
 */
public final class StoreHealth implements HealthIndicator, AutoCloseable {

    static final Duration DEADLINE = Duration.ofMillis(1_500);
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "store-health");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, Check> servers;
    private final Check single;
    private final AutoCloseable owned;

    private StoreHealth(Map<String, Check> servers, Check single, AutoCloseable owned) {
        this.servers = servers;
        this.single = single;
        this.owned = owned;
    }

    /** A store of several servers: its entry is DOWN when any of them is, with each server's health in its details. */
    public static StoreHealth of(Map<String, ? extends HealthIndicator> servers) {
        Map<String, Check> checks = new LinkedHashMap<>();
        servers.forEach((name, indicator) -> checks.put(name, new Check(indicator)));
        return new StoreHealth(checks, null, null);
    }

    /** A store of one server: the server's own health, bounded; {@code close} closes the indicator if it can be. */
    public static StoreHealth of(HealthIndicator server) {
        return new StoreHealth(Map.of(), new Check(server), server instanceof AutoCloseable closeable ? closeable : null);
    }

    @Override
    public Health health() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        if (single != null) {
            return single.begin().await(deadline);
        }
        List<Check.Running> running = new ArrayList<>();
        servers.values().forEach(check -> running.add(check.begin()));
        Map<String, Health> results = new LinkedHashMap<>();
        Set<Status> statuses = new HashSet<>();
        int i = 0;
        for (String name : servers.keySet()) {
            Health result = running.get(i++).await(deadline);
            results.put(name, result);
            statuses.add(result.getStatus());
        }
        return Health.status(StatusAggregator.getDefault().getAggregateStatus(statuses)).withDetails(results).build();
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    /** One server's check, at most one in flight. */
    private static final class Check {

        private final HealthIndicator indicator;
        private Future<Health> inFlight;

        Check(HealthIndicator indicator) {
            this.indicator = indicator;
        }

        /** The check now running for this server: the one still in flight, else a new one. */
        synchronized Running begin() {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CHECKS.submit(indicator::health);
            }
            return new Running(inFlight);
        }

        record Running(Future<Health> result) {

            Health await(long deadlineNanos) {
                try {
                    return result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return Health.down().withDetail("reason", "no answer within " + DEADLINE.toMillis() + " ms").build();
                } catch (ExecutionException e) {
                    return Health.down().withDetail("reason", Reasons.of(e.getCause())).build();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Health.down().withDetail("reason", "interrupted").build();
                }
            }
        }
    }
}
