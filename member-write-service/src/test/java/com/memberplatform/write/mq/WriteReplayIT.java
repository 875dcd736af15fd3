package com.memberplatform.write.mq;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * While MySQL's master is stopped by its PID, REST writes sent with an Idempotency-Key are queued (202) and applied
 * once MySQL is back, by the command consumer and without any retry by the caller; a write without a key gets 503 and
 * leaves nothing behind. Failing writes open MySQL's breaker, after which writes are queued without trying MySQL.
 */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteReplayIT {

    @LocalServerPort
    int port;
    @Autowired
    DataSource sharded;
    @Autowired
    MeterRegistry meters;

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(sharded);
    }

    /** The status stored for an order-demo request by its key, or null while it has not run. */
    private Integer answered(String key) {
        List<Integer> status = jdbc().queryForList("SELECT http_status FROM idempotency_record WHERE idem_key = ?", Integer.class,
                "order-demo:" + key);
        return status.isEmpty() ? null : status.get(0);
    }

    private int membersWithMobile(String mobile) {
        // A deliberate scatter over every shard: no member row may exist anywhere.
        return jdbc().queryForObject("SELECT COUNT(*) FROM member WHERE mobile = ?", Integer.class, mobile);
    }

    private double breaker() {
        return meters.get("member.write.breaker").tag("store", "mysql").gauge().value();
    }

    @Test
    void shouldQueueWritesWhileMysqlIsDownAndApplyThemOnceItIsBack(LocalStack stack) throws Exception {
        WriteApi api = WriteApi.asOrderCaller(port);
        Answer existing = api.post("/api/v1/members", registration(freshMobile()));
        assertThat(existing.status()).isEqualTo(201);
        String mobile = freshMobile();
        String refusedMobile = freshMobile();
        String registerKey = freshWeChatId("replay-reg-");
        String renameKey = freshWeChatId("replay-ren-");
        double queuedBefore = meters.counter("member.write.queued").count();

        Answer queuedRegistration;
        Answer queuedRename;
        Answer refused;
        List<String> burstMobiles = new ArrayList<>();
        List<Answer> burst = new ArrayList<>();
        Answer afterBurst;
        long afterBurstMillis;
        stack.stop("mariadb-a-master");
        try {
            queuedRegistration = api.post("/api/v1/members", registration(mobile), registerKey);
            queuedRename = api.send("PATCH", "/api/v1/members/" + existing.memberId(), "{\"displayName\":\"Replayed\"}", renameKey);
            refused = api.post("/api/v1/members", registration(refusedMobile));
            // Writes eight at a time, each waiting for a MySQL connection in vain, until enough fail within one of
            // Sentinel's one-second windows: the breaker opens, and the next write is queued without trying MySQL.
            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (breaker() != 1 && System.nanoTime() < until) {
                    List<String> mobiles = IntStream.range(0, 8).mapToObj(i -> freshMobile()).toList();
                    burstMobiles.addAll(mobiles);
                    for (Future<Answer> answer : writers.invokeAll(mobiles.stream().map(m -> (Callable<Answer>) () ->
                            api.post("/api/v1/members", registration(m), freshWeChatId("burst-"))).toList())) {
                        burst.add(answer.get());
                    }
                }
            } finally {
                writers.shutdown();
            }
            assertThat(breaker()).as("MySQL's breaker opened").isEqualTo(1);
            long started = System.nanoTime();
            afterBurst = api.post("/api/v1/members", registration(freshMobile()), freshWeChatId("after-"));
            afterBurstMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        } finally {
            stack.start("mariadb-a-master");
        }

        List<Answer> queuedAnswers = new ArrayList<>(List.of(queuedRegistration, queuedRename, afterBurst));
        queuedAnswers.addAll(burst);
        for (Answer queued : queuedAnswers) {
            assertThat(queued.status()).as(queued.body().toString()).isEqualTo(202);
            assertThat(queued.body().path("status").asText()).isEqualTo("QUEUED");
            assertThat(queued.header("Retry-After")).isNotNull();
        }
        assertThat(queuedRegistration.body().path("idempotencyKey").asText()).isEqualTo(registerKey);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(meters.counter("member.write.queued").count()).isEqualTo(queuedBefore + 3 + burst.size());
        assertThat(afterBurstMillis).as("queued without waiting for MySQL's pool (2 s)").isLessThan(1_000);

        // Applied by the consumer from the queue: nobody repeats the requests before this.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> answered(registerKey) != null && answered(renameKey) != null);
        assertThat(answered(registerKey)).isEqualTo(201);
        assertThat(answered(renameKey)).isEqualTo(200);
        assertThat(membersWithMobile(mobile)).isEqualTo(1);
        assertThat(membersWithMobile(refusedMobile)).as("the refused write left nothing").isZero();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(burstMobiles).allSatisfy(m -> assertThat(membersWithMobile(m)).isEqualTo(1)));
        assertThat(jdbc().queryForObject("SELECT display_name FROM member WHERE member_id = ?", String.class,
                Long.parseLong(existing.memberId()))).isEqualTo("Replayed");

        // The caller learns the outcome by repeating the request with its key: the replay's answer, not a second run.
        Answer again = api.post("/api/v1/members", registration(mobile), registerKey);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM member WHERE member_id = ? AND mobile = ?", Integer.class,
                Long.parseLong(again.memberId()), mobile)).isEqualTo(1);
        assertThat(membersWithMobile(mobile)).isEqualTo(1);
    }

    @Test
    void shouldReplayTheQueuedWritesOfOneMemberInTheOrderTheyWereAccepted(LocalStack stack) throws Exception {
        WriteApi api = WriteApi.asOrderCaller(port);
        Answer member = api.post("/api/v1/members", registration(freshMobile()));
        assertThat(member.status()).isEqualTo(201);
        List<String> keys = IntStream.rangeClosed(1, 8).mapToObj(i -> freshWeChatId("order-" + i + "-")).toList();

        stack.stop("mariadb-a-master");
        try {
            for (int i = 0; i < keys.size(); i++) {
                Answer queued = api.send("PATCH", "/api/v1/members/" + member.memberId(), "{\"displayName\":\"Order " + (i + 1) + "\"}",
                        keys.get(i));
                assertThat(queued.status()).as(queued.body().toString()).isEqualTo(202);
            }
        } finally {
            stack.start("mariadb-a-master");
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> keys.stream().allMatch(key -> answered(key) != null));
        List<Long> versions = keys.stream().map(key -> jdbc().queryForObject(
                "SELECT JSON_VALUE(response, '$.version') FROM idempotency_record WHERE idem_key = ?", Long.class, "order-demo:" + key)).toList();
        assertThat(versions).as("each rename answered the version after the one accepted before it").containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(jdbc().queryForObject("SELECT display_name FROM member WHERE member_id = ?", String.class,
                Long.parseLong(member.memberId()))).isEqualTo("Order 8");
    }
}
