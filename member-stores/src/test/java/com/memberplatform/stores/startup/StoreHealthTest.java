package com.memberplatform.stores.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

class StoreHealthTest {

    /** A server that accepts the check and never answers until released (a frozen server). */
    private static final class Frozen implements HealthIndicator {
        final CountDownLatch thaw = new CountDownLatch(1);
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public Health health() {
            checks.incrementAndGet();
            try {
                thaw.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        }
    }

    @Test
    void shouldAnswerWithinTheDeadlineWhileServersAreFrozenAndCheckThemAtOnce() throws Exception {
        Frozen first = new Frozen();
        Frozen second = new Frozen();
        Map<String, HealthIndicator> servers = new LinkedHashMap<>();
        servers.put("up", () -> Health.up().build());
        servers.put("first", first);
        servers.put("second", second);
        try (StoreHealth store = StoreHealth.of(servers)) {
            long start = System.nanoTime();
            Health health = store.health();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(millis).as("both frozen checks ran at once").isLessThan(StoreHealth.DEADLINE.toMillis() + 1_000);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(((Health) health.getDetails().get("up")).getStatus()).isEqualTo(Status.UP);
            assertThat(((Health) health.getDetails().get("first")).getDetails()).containsEntry("reason", "no answer within 1500 ms");

            store.health();
            assertThat(first.checks).as("a check still in flight is not started again").hasValue(1);

            first.thaw.countDown();
            second.thaw.countDown();
            Thread.sleep(100);
            assertThat(store.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void shouldGiveTheReasonOfACheckThatThrows() throws Exception {
        try (StoreHealth store = StoreHealth.of(() -> {
            throw new IllegalStateException("broken");
        })) {
            assertThat(store.health().getDetails()).containsEntry("reason", "IllegalStateException: broken");
        }
    }
}
