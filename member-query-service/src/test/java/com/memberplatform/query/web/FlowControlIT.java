package com.memberplatform.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.flowcontrol.client.CallerRegistryConfiguration;
import com.memberplatform.flowcontrol.client.ConfigChannel;
import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.client.StrictJson;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The three layers of flow control under load loops, with rules pushed live through the config Redis. */
@WithLocalStack
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlowControlIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    /** Lenient breakers: these loops test the limits, not the stores (unknown ids make every request read MySQL). */
    private static final String DEGRADE = ",\"degrade\":{\"failureRatio\":0.9,\"failureCount\":1000,\"slowCallMillis\":3000,\"slowCallMillisByStore\":{},"
            + "\"slowRatio\":1.0,\"minimumCalls\":50,\"openSeconds\":1}";

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("configRedis")
    RedissonClient configRedis;

    ConfigPublisher publisher;
    WriteApi order;
    WriteApi marketing;

    @BeforeEach
    void clients() {
        publisher = new ConfigPublisher(configRedis);
        order = WriteApi.asOrderCaller(port);
        marketing = order.as("marketing-demo", "marketing-demo-token");
    }

    @AfterEach
    void restoreTheBundledDocuments() {
        publish(CallerRegistryConfiguration.CALLERS, bundled("callers"));
        publish(FlowRulesConfiguration.FLOW_RULES, bundled("flow-rules"));
    }

    private static String bundled(String document) {
        return StrictJson.bundledText(document);
    }

    /** Publishes, retrying while the config Redis connection comes back (a test may have restarted the server). */
    private void publish(ConfigChannel channel, String json) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> publisher.publish(channel, json, "flow-control-it", "test").receivers() >= 0);
    }

    private void rules(int globalQps, int hotKeyQps) throws Exception {
        publish(FlowRulesConfiguration.FLOW_RULES, "{\"enabled\":true,\"globalQps\":" + globalQps + ",\"unknownCallerQps\":20,"
                + "\"hotKeyQps\":" + hotKeyQps + ",\"hotKeyExceptions\":[]" + DEGRADE + "}");
        Thread.sleep(1_000);
    }

    /** Answers of a closed loop: each of the calls runs on its own threads, for a warm-up and then the window. */
    private record Loop(List<AtomicInteger> passed, List<AtomicInteger> limited, List<AtomicInteger> failed) {
    }

    private static Loop loop(int threadsPerCall, List<Supplier<WriteApi.Answer>> calls) throws Exception {
        Loop loop = new Loop(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        calls.forEach(c -> {
            loop.passed().add(new AtomicInteger());
            loop.limited().add(new AtomicInteger());
            loop.failed().add(new AtomicInteger());
        });
        // Sentinel counts in 500 ms buckets aligned on the clock: the window starts on a whole second (after a warm-up
        // of at least one) and requests are counted by when they were sent, as Sentinel counts them.
        long measureFrom = (System.currentTimeMillis() / 1_000 + 2) * 1_000;
        long end = measureFrom + WINDOW.toMillis();
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerCall * calls.size());
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            int call = c;
            for (int t = 0; t < threadsPerCall; t++) {
                workers.add(pool.submit(() -> {
                    while (System.currentTimeMillis() < end) {
                        long sent = System.currentTimeMillis();
                        WriteApi.Answer answer = calls.get(call).get();
                        if (sent < measureFrom || sent >= end) {
                            continue;
                        }
                        if (answer.status() == 429) {
                            assertThat(answer.header("Retry-After")).isEqualTo("1");
                            assertThat(answer.code()).isEqualTo("RATE_LIMITED");
                            loop.limited().get(call).incrementAndGet();
                        } else if (answer.status() == 200 || answer.status() == 404) {
                            loop.passed().get(call).incrementAndGet();
                        } else {
                            loop.failed().get(call).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return loop;
    }

    private static void assertRate(int passed, int perSecond) {
        double expected = perSecond * WINDOW.toSeconds();
        assertThat((double) passed).as("passed in %s at %d/s", WINDOW, perSecond).isBetween(expected * 0.9, expected * 1.1);
    }

    @Test
    void shouldHoldACallersOwnLimitWithinTenPercentWhileOthersPass() throws Exception {
        publish(CallerRegistryConfiguration.CALLERS, bundled("callers").replace("\"qps\": 1000", "\"qps\": 40"));
        Thread.sleep(1_000);

        Loop loop = loop(4, List.of(() -> marketing.get("/api/v1/ping"), () -> order.get("/api/v1/ping")));

        assertRate(loop.passed().get(0).get(), 40);
        assertThat(loop.limited().get(0).get()).isPositive();
        assertThat(loop.limited().get(1).get()).as("the order caller is not limited").isZero();
        WriteApi.Answer refused = marketingUntilRefused();
        assertThat(refused.body().path("detail").asText()).contains("caller limit (40/s)");
    }

    private WriteApi.Answer marketingUntilRefused() {
        for (int i = 0; i < 1_000; i++) {
            WriteApi.Answer answer = marketing.get("/api/v1/ping");
            if (answer.status() == 429) {
                return answer;
            }
        }
        throw new AssertionError("never refused");
    }

    @Test
    void shouldThrottleAHotMemberWhileOtherMembersStillPass() throws Exception {
        rules(24_000, 20);
        String hot = "/api/v1/members/" + ThreadLocalRandom.current().nextLong(1, 1L << 40);

        Loop loop = loop(3, List.of(() -> order.get(hot),
                () -> order.get("/api/v1/members/" + ThreadLocalRandom.current().nextLong(1, 1L << 40))));

        assertRate(loop.passed().get(0).get(), 20);
        assertThat(loop.limited().get(1).get()).as("every other member").isZero();
        assertThat(loop.passed().get(1).get()).isGreaterThan(loop.passed().get(0).get());
        assertThat(loop.failed().get(0).get() + loop.failed().get(1).get()).isZero();
    }

    @Test
    void shouldThrottleAHotAccountWhileOtherAccountsStillPass() throws Exception {
        rules(24_000, 20);
        String hot = account("oHot" + ThreadLocalRandom.current().nextLong(1L << 40));

        Loop loop = loop(3, List.of(() -> order.post("/api/v1/members/lookup", hot),
                () -> order.post("/api/v1/members/lookup", account("oCool" + ThreadLocalRandom.current().nextLong(1L << 40)))));

        assertRate(loop.passed().get(0).get(), 20);
        assertThat(loop.limited().get(1).get()).as("every other account").isZero();
        assertThat(loop.passed().get(1).get()).isGreaterThan(loop.passed().get(0).get());
        assertThat(loop.failed().get(0).get() + loop.failed().get(1).get()).isZero();
    }

    private static String account(String openid) {
        return "{\"account\":{\"platform\":\"WECHAT\",\"accountType\":\"WECHAT_OPENID\",\"appId\":\"wxminiapp0001\","
                + "\"value\":\"" + openid + "\"}}";
    }

    @Test
    void shouldHoldTheGlobalCapOverAllCallers() throws Exception {
        rules(50, 200);

        Loop loop = loop(3, List.of(() -> order.get("/api/v1/ping"), () -> marketing.get("/api/v1/ping")));

        assertRate(loop.passed().get(0).get() + loop.passed().get(1).get(), 50);
    }

    @Test
    void shouldApplyAPushedChangeWithinOneSecond() throws Exception {
        assertThat(order.get("/api/v1/ping").status()).isEqualTo(200);
        rules(24_000, 200);

        publish(FlowRulesConfiguration.FLOW_RULES, "{\"enabled\":true,\"globalQps\":2,\"unknownCallerQps\":20,\"hotKeyQps\":200,"
                + "\"hotKeyExceptions\":[]" + DEGRADE + "}");
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> order.get("/api/v1/ping").status() == 429);

        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseAnInvalidChangeAndKeepTheRulesInForce(LocalStack stack) throws Exception {
        rules(50, 200);
        Path invalid = Files.createTempFile("flow-rules", ".json");
        Files.writeString(invalid, "{\"enabled\":true,\"globalQps\":0,\"unknownCallerQps\":20,\"hotKeyQps\":200,\"hotKeyExceptions\":[]" + DEGRADE + "}");

        LocalStack.OpsRun refused = stack.ops("member-config.sh", "publish", "--document=flow-rules", "--file=" + invalid,
                "--operator=bob", "--reason=typo");

        assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("globalQps");
        Loop loop = loop(3, List.of(() -> order.get("/api/v1/ping")));
        assertRate(loop.passed().get(0).get(), 50);
    }

    @Test
    void shouldKeepServingOnTheLastRulesWhileTheConfigRedisIsStopped(LocalStack stack) throws Exception {
        rules(50, 200);

        Loop loop;
        stack.stop("redis-config");
        try {
            loop = loop(3, List.of(() -> order.get("/api/v1/ping")));
        } finally {
            stack.start("redis-config");
        }

        assertRate(loop.passed().get(0).get(), 50);
        assertThat(loop.failed().get(0).get()).isZero();
    }
}
