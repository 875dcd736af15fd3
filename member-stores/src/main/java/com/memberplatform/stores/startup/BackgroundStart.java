package com.memberplatform.stores.startup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Something a service needs a store for (shard metadata loaded, a consumer subscribed, a lease taken), started in the
 * background so that the service itself starts whatever state the store is in (decision 0007): tried at once, then
 * again after 0.5 s, 1 s, 2 s ... at most {@link #MAX_BACKOFF} apart, until it works. Each attempt builds its thing
 * anew (a half-started client is stopped by the attempt that made it). Until it works, {@link #health()} is DOWN
 * with the reason of the last failure and the number of attempts; afterwards UP.
 *
 * @param <T> what a successful attempt yields (the started client, the opened data source)
 */
public final class BackgroundStart<T> implements HealthIndicator, AutoCloseable {

    /** One attempt: returns the started thing or throws why it could not start. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(BackgroundStart.class);

    private final String what;
    private final Attempt<T> attempt;
    private final Consumer<T> stop;
    private final ScheduledExecutorService executor;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final Instant since = Instant.now();
    private volatile T value;
    private volatile String reason = "the first attempt has not ended yet";
    private volatile int attempts;
    private volatile boolean closed;

    private BackgroundStart(String what, Attempt<T> attempt, Consumer<T> stop) {
        this.what = what;
        this.attempt = attempt;
        this.stop = stop;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "start-" + what);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Begins trying at once, in the background.
     *
     * @param what names it in logs, thread names and health ("shard metadata", "consumer member-sync-es-primary")
     * @param stop stops what an attempt started, when this is closed
     */
    public static <T> BackgroundStart<T> begin(String what, Attempt<T> attempt, Consumer<T> stop) {
        BackgroundStart<T> start = new BackgroundStart<>(what, attempt, stop);
        start.executor.execute(start::tryOnce);
        return start;
    }

    private void tryOnce() {
        if (closed) {
            return;
        }
        attempts++;
        try {
            T result = attempt.run();
            synchronized (this) {
                if (closed) {
                    stop.accept(result);
                    return;
                }
                value = result;
            }
            started.countDown();
            if (attempts > 1) {
                log.info("{} started after {} attempts", what, attempts);
            }
            executor.shutdown();
        } catch (Exception | LinkageError e) {
            reason = Reasons.of(e);
            Duration backoff = backoff(attempts);
            if (attempts == 1 || attempts % 10 == 0) {
                log.warn("{} could not start ({}); attempt {}, trying again in {} ms", what, reason, attempts, backoff.toMillis());
            }
            if (!closed) {
                executor.schedule(this::tryOnce, backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            firstAttempt.countDown();
        }
    }

    /** 0.5 s, 1 s, 2 s, 4 s, then {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(attempts - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Waits at most {@code max} for the first attempt to end (well or not): a healthy store is ready when this returns. */
    public BackgroundStart<T> awaitFirstAttempt(Duration max) {
        await(firstAttempt, max);
        return this;
    }

    /** Waits at most {@code max} for a successful attempt; returns whether there was one. */
    public boolean awaitStarted(Duration max) {
        return await(started, max);
    }

    private static boolean await(CountDownLatch latch, Duration max) {
        try {
            return latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the successful attempt yielded, or empty while none has succeeded. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** Why the last attempt failed, for callers that refuse work until this has started. */
    public String reason() {
        return what + " not started: " + reason;
    }

    @Override
    public Health health() {
        if (value != null) {
            return Health.up().build();
        }
        return Health.down().withDetail("reason", reason).withDetail("attempts", attempts)
                .withDetail("since", since.toString()).build();
    }

    @Override
    public void close() {
        T started;
        synchronized (this) {
            closed = true;
            started = value;
        }
        executor.shutdownNow();
        if (started != null) {
            stop.accept(started);
        }
    }
}
