package com.memberplatform.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.client.StrictJson;
import com.memberplatform.flowcontrol.routing.StoreRoutingConfiguration;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.query.QueryStackTest;
import com.memberplatform.query.TestMembers;
import com.memberplatform.api.topology.Store;
import com.memberplatform.testsupport.LatencyProxy;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WriteApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Lookups keep answering while a store is stopped by its PID or made slow, and follow the live store routing. The
 * service reaches ES primary through a {@link LatencyProxy} (no delay unless a test sets one).
 */
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadFailoverIT extends QueryStackTest {

    private static final String PRIMARY = "member.stores.elasticsearch.primary";
    private static LatencyProxy primaryProxy;

    @DynamicPropertySource
    static void primaryThroughTheProxy(DynamicPropertyRegistry registry) {
        primaryProxy = LatencyProxy.to(LocalStack.get().endpoint(PRIMARY));
        registry.add(PRIMARY, primaryProxy::url);
    }

    @AfterAll
    static void closeProxy() {
        primaryProxy.close();
    }

    private static final String SOURCE = "X-Member-Source";

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("configRedis")
    RedissonClient configRedis;
    @Autowired
    MeterRegistry meters;

    WriteApi order;
    TestMembers members;

    @BeforeEach
    void clients() {
        order = WriteApi.asOrderCaller(port);
        members = members();
    }

    /** Reads a member by id and by mobile, past the cache; returns the sources that answered, by status. */
    private Map<Integer, List<String>> readPastTheCache(List<TestMembers.Registered> registered, Duration during) {
        Map<Integer, List<String>> sources = new HashMap<>();
        long until = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < until) {
            for (TestMembers.Registered member : registered) {
                members.evict(DataCenter.A, member);
                WriteApi.Answer byId = order.get("/api/v1/members/" + member.id());
                members.evict(DataCenter.A, member);
                WriteApi.Answer byMobile = order.post("/api/v1/members/lookup", member.byMobile());
                for (WriteApi.Answer answer : List.of(byId, byMobile)) {
                    sources.computeIfAbsent(answer.status(), s -> new ArrayList<>()).add(answer.header(SOURCE));
                }
            }
        }
        return sources;
    }

    @Test
    void shouldKeepAnsweringWhileTheActiveClusterIsDownAndComeBackAfter(LocalStack stack) {
        List<TestMembers.Registered> registered = List.of(members.register(), members.register(), members.register());
        assertThat(readPastTheCache(registered, Duration.ofMillis(500)).get(200)).contains("es_primary");

        Map<Integer, List<String>> whileDown;
        stack.stop("es-primary");
        try {
            whileDown = readPastTheCache(registered, Duration.ofSeconds(8));
        } finally {
            stack.start("es-primary");
        }

        assertThat(whileDown.keySet()).as("no failed read").containsOnly(200);
        assertThat(whileDown.get(200)).contains("es_backup").doesNotContain("es_primary");
        assertThat(meters.get("member.query.fallback").tag("from", "es_primary").tag("to", "es_backup").counter().count()).isPositive();
        assertThat(meters.get("member.query.store.failures").tag("store", "es_primary").counter().count()).isPositive();
        // Closed again after its open window, once a probe succeeds.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(readPastTheCache(registered.subList(0, 1), Duration.ofMillis(200)).get(200)).contains("es_primary"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.get("member.query.breaker").tag("store", "es_primary").gauge().value()).isZero());
    }

    @Test
    void shouldSkipASlowClusterOnceItsSlowCallRuleTripsAndComeBackAfter() throws Exception {
        new ConfigPublisher(configRedis).publish(FlowRulesConfiguration.FLOW_RULES, StrictJson.bundledText("flow-rules"), "read-failover-it",
                "the bundled breakers: a call to ES slower than 300 ms is slow");
        List<TestMembers.Registered> registered = List.of(members.register(), members.register(), members.register());
        for (TestMembers.Registered member : registered) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> members.version(Store.ES_BACKUP, member.id()) >= 2);
        }
        double failuresBefore = meters.get("member.query.store.failures").tag("store", "es_primary").counter().count();
        AtomicBoolean opened = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(7);
        Map<Integer, List<String>> whileSlow = new HashMap<>();
        primaryProxy.delay(Duration.ofMillis(700));
        try {
            Future<?> watcher = readers.submit(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (System.nanoTime() < until && !opened.get()) {
                    opened.set(meters.get("member.query.breaker").tag("store", "es_primary").gauge().value() == 1);
                    Thread.sleep(20);
                }
                return null;
            });
            List<Future<Map<Integer, List<String>>>> reads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                reads.add(readers.submit(() -> readPastTheCache(registered, Duration.ofSeconds(8))));
            }
            for (Future<Map<Integer, List<String>>> read : reads) {
                read.get().forEach((status, sources) -> whileSlow.computeIfAbsent(status, s -> new ArrayList<>()).addAll(sources));
            }
            watcher.get();
        } finally {
            primaryProxy.delay(Duration.ZERO);
            readers.shutdownNow();
        }

        assertThat(whileSlow.keySet()).as("no failed read").containsOnly(200);
        assertThat(opened).as("the breaker of es_primary opened").isTrue();
        List<String> sources = whileSlow.get(200);
        assertThat(sources).contains("es_backup");
        assertThat(sources.stream().filter("es_backup"::equals).count()).as("most reads skipped the slow cluster: " + sources.size())
                .isGreaterThan(3L * sources.stream().filter("es_primary"::equals).count());
        assertThat(meters.get("member.query.store.failures").tag("store", "es_primary").counter().count())
                .as("slow, not failing: the slow-call rule tripped").isEqualTo(failuresBefore);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(readPastTheCache(registered.subList(0, 1), Duration.ofMillis(200)).get(200)).contains("es_primary"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.get("member.query.breaker").tag("store", "es_primary").gauge().value()).isZero());
    }

    @Test
    void shouldMoveTheNextReadsToTheOtherCenterWhenOpsSwitchIt() {
        TestMembers.Registered member = members.register();
        ConfigPublisher publisher = new ConfigPublisher(configRedis);
        publisher.publish(StoreRoutingConfiguration.ROUTING, "{\"localCenter\":\"B\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\"}",
                "read-failover-it", "center switch test");
        try {
            long switched = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                order.post("/api/v1/members/lookup", member.byMobile());
                assertThat(order.post("/api/v1/members/lookup", member.byMobile()).header(SOURCE)).isEqualTo("cache_b");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - switched)).isLessThan(Duration.ofSeconds(3));
            assertThat(members.cached(DataCenter.B, member.mobileKey()).version()).isEqualTo(2);
        } finally {
            publisher.publish(StoreRoutingConfiguration.ROUTING, "{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\"}",
                "read-failover-it", "center switch test");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            order.get("/api/v1/members/" + member.id());
            assertThat(order.get("/api/v1/members/" + member.id()).header(SOURCE)).isEqualTo("cache_a");
        });
    }

    /**
     * The switch moves the MySQL reads too: with center A's replica stopped, the last word on an id no cluster has
     * (its shard, read on the local replica) cannot be had in center A; published center B, the same read answers
     * 404 from B's replica, with no restart.
     */
    @Test
    void shouldMoveTheMysqlReadsWithTheCacheWhenOpsSwitchTheCenter(LocalStack stack) {
        String nobody = "/api/v1/members/" + ThreadLocalRandom.current().nextLong(1L << 61, Long.MAX_VALUE);
        ConfigPublisher publisher = new ConfigPublisher(configRedis);
        stack.stop("mariadb-a-replica");
        try {
            assertThat(order.get(nobody).status()).as("center A's replica is away").isNotEqualTo(404);
            publisher.publish(StoreRoutingConfiguration.ROUTING, "{\"localCenter\":\"B\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\"}",
                    "read-failover-it", "center switch test");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(order.get(nobody).status()).as("read on center B's replica").isEqualTo(404));
        } finally {
            publisher.publish(StoreRoutingConfiguration.ROUTING, "{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\"}",
                    "read-failover-it", "center switch test");
            stack.start("mariadb-a-replica");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(order.get(nobody).status()).as("read on center A's replica again").isEqualTo(404));
    }

    @Test
    void shouldAnswerWithTheLocalRedisStopped(LocalStack stack) {
        TestMembers.Registered member = members.register();
        Map<Integer, List<String>> sources = new HashMap<>();
        stack.stop("redis-a");
        try {
            for (int i = 0; i < 20; i++) {
                for (WriteApi.Answer answer : List.of(order.get("/api/v1/members/" + member.id()),
                        order.post("/api/v1/members/lookup", member.byMobile()))) {
                    sources.computeIfAbsent(answer.status(), s -> new ArrayList<>()).add(answer.header(SOURCE));
                }
            }
        } finally {
            stack.start("redis-a");
        }

        assertThat(sources.keySet()).as("no failed read").containsOnly(200);
        assertThat(sources.get(200)).containsOnly("es_primary");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            order.get("/api/v1/members/" + member.id());
            assertThat(order.get("/api/v1/members/" + member.id()).header(SOURCE)).isEqualTo("cache_a");
        });
    }

    @Test
    void shouldReadMarketingLookupsFromTheMarketingCluster() throws Exception {
        TestMembers.Registered member = members.register();
        WriteApi marketing = order.as("marketing-demo", "marketing-demo-token");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> members.version(Store.ES_MARKETING, member.id()) >= 2);
        long getsBefore = gets(Store.ES_MARKETING);

        members.evict(DataCenter.A, member);
        WriteApi.Answer answer = marketing.post("/api/v1/members/lookup", member.byMobile());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header(SOURCE)).isEqualTo("es_marketing");
        assertThat(gets(Store.ES_MARKETING)).as("the view was read on the marketing cluster").isGreaterThan(getsBefore);
        members.evict(DataCenter.A, member);
        assertThat(order.post("/api/v1/members/lookup", member.byMobile()).header(SOURCE)).as("order callers").isEqualTo("es_primary");
    }

    /** Real-time GETs the cluster's node has served so far. */
    private long gets(Store cluster) throws Exception {
        JsonNode stats = new ObjectMapper().readTree(clusters.restClient(cluster)
                .performRequest(new Request("GET", "/_nodes/stats/indices/get")).getEntity().getContent());
        return stats.path("nodes").elements().next().path("indices").path("get").path("total").asLong();
    }
}
