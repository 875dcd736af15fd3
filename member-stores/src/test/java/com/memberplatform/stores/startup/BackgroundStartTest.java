package com.memberplatform.stores.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class BackgroundStartTest {

    @Test
    void shouldBackOffFromHalfASecondDoublingUpToFiveSeconds() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 40).stream().map(BackgroundStart::backoff).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 5_000L, 5_000L, 5_000L);
    }

    @Test
    void shouldSayWhyItIsDownUntilAnAttemptWorksThenBeUp() {
        AtomicInteger calls = new AtomicInteger();
        try (BackgroundStart<String> start = BackgroundStart.begin("test store", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("wrapped", new ConnectException("Connection refused"));
            }
            return "client";
        }, client -> { }).awaitFirstAttempt(Duration.ofSeconds(5))) {
            assertThat(start.value()).isEmpty();
            assertThat(start.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(start.health().getDetails()).containsEntry("reason", "ConnectException: Connection refused")
                    .containsEntry("attempts", 1);
            assertThat(start.reason()).isEqualTo("test store not started: ConnectException: Connection refused");

            assertThat(start.awaitStarted(Duration.ofSeconds(10))).isTrue();
            assertThat(calls).hasValue(3);
            assertThat(start.value()).contains("client");
            assertThat(start.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void shouldStopTryingOnceClosed() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BackgroundStart<String> start = BackgroundStart.<String>begin("never", () -> {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        }, client -> { }).awaitFirstAttempt(Duration.ofSeconds(5));
        start.close();
        int afterClose = calls.get();
        Thread.sleep(1_200);
        assertThat(calls).hasValue(afterClose);
        assertThat(start.awaitStarted(Duration.ZERO)).isFalse();
    }

    @Test
    void shouldStopWhatItStartedWhenClosed() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        BackgroundStart<String> start = BackgroundStart.begin("store", () -> "client", stopped::add);
        assertThat(start.awaitStarted(Duration.ofSeconds(5))).isTrue();
        start.close();
        assertThat(stopped).containsExactly("client");
    }
}
