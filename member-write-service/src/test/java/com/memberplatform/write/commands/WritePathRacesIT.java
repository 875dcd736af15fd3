package com.memberplatform.write.commands;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.domain.MemberId;
import com.memberplatform.stores.mysql.LookupIndex;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The write path's races and failure points (issue 13), each made deterministic on the real stack: a refused body
 * that claims nothing, a conflict on every attempt (a competing write injected at the moment the command reads the
 * clock, between reading the member and committing it), a release that arrives after the member took the value
 * back, a service whose clock runs minutes off judging another command's claim, a transaction that rolled back after
 * claiming, and a change that waited past the commit deadline while another member took its value over.
 */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WritePathRacesIT.Racing.class)
class WritePathRacesIT {

    /**
     * The write path's clock, with a pause point: while a race is set, every reading of the clock by a request thread
     * outside a transaction (a command deciding on the member it read) first runs the race. It can also run off by
     * {@link #offset}, as a service's clock does when its time sync fails.
     */
    static final class RacingClock extends Clock {

        final AtomicReference<Runnable> race = new AtomicReference<>();
        final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public Instant instant() {
            Runnable competing = race.get();
            if (competing != null && Thread.currentThread().getName().startsWith("http-nio")
                    && !TransactionSynchronizationManager.isActualTransactionActive()) {
                competing.run();
            }
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The monotonic clock of the commit deadline, which a test can make skip ahead. */
    static final class SkippingTicker implements Ticker {

        final AtomicLong skipped = new AtomicLong();

        @Override
        public long nanos() {
            return System.nanoTime() + skipped.get();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Racing {
        @Bean
        @Primary
        RacingClock racingClock() {
            return new RacingClock();
        }

        @Bean
        @Primary
        SkippingTicker skippingTicker() {
            return new SkippingTicker();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource sharded;

    @Autowired
    RacingClock clock;

    @Autowired
    SkippingTicker ticker;

    @Autowired
    IndexClaims claims;

    WriteApi api;
    JdbcTemplate jdbc;

    @BeforeEach
    void client() {
        api = WriteApi.asOrderCaller(port);
        jdbc = new JdbcTemplate(sharded);
    }

    @AfterEach
    void noRace() {
        clock.race.set(null);
        clock.offset.set(Duration.ZERO);
    }

    /** A claim on the mobile as a command that has not committed yet (or died) leaves it, stored {@code age} ago. */
    private void claimedByAnotherCommand(String mobile, Duration age) {
        Timestamp stamped = Timestamp.from(Instant.now().minus(age));
        jdbc.update("INSERT INTO mobile_index (mobile, member_id, claimed_at, stamped_at) VALUES (?, ?, ?, ?)", mobile,
                Long.MAX_VALUE - ThreadLocalRandom.current().nextInt(1_000_000), stamped, stamped);
    }

    private String registered(String mobile) {
        Answer answer = api.post("/api/v1/members", registration(mobile));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.memberId();
    }

    private String displayName(String member) {
        return jdbc.queryForObject("SELECT display_name FROM member WHERE member_id = ?", String.class, Long.parseLong(member));
    }

    private int claimsOn(String mobile) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mobile_index WHERE mobile = ?", Integer.class, mobile);
    }

    private static String longNameRegistration(String mobile) {
        return "{\"mobile\":\"" + mobile + "\",\"platform\":\"TRAVEL_APP\",\"displayName\":\"" + "n".repeat(65) + "\"}";
    }

    @Test
    void shouldClaimNothingForARegistrationItRefuses() {
        String mobile = freshMobile();

        Answer refused = api.post("/api/v1/members", longNameRegistration(mobile));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.body().path("field").asText()).isEqualTo("displayName");
        assertThat(claimsOn(mobile)).as("no claim left on the mobile").isZero();
        assertThat(api.post("/api/v1/members", registration(mobile)).status()).as("the mobile is free at once").isEqualTo(201);
    }

    @Test
    void shouldRefuseAnInvalidBodyWith400WhoeverOwnsTheMobile() {
        String mobile = freshMobile();
        registered(mobile);

        Answer refused = api.post("/api/v1/members", longNameRegistration(mobile));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldLetTheCallerCorrectARefusedBodyUnderTheSameKey() {
        String mobile = freshMobile();
        String key = freshWeChatId("key-");

        Answer refused = api.post("/api/v1/members", longNameRegistration(mobile), key);
        Answer corrected = api.post("/api/v1/members", registration(mobile), key);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.body().toString()).isEqualTo(201);
    }

    @Test
    void shouldAnswer409ConcurrentModificationWhenEveryAttemptLosesTheRaceAndLetTheSameKeyRetry() {
        String member = registered(freshMobile());
        String key = freshWeChatId("key-");
        String rename = "{\"displayName\":\"Raced\"}";
        clock.race.set(() -> jdbc.update("UPDATE member SET version = version + 1 WHERE member_id = ?", Long.parseLong(member)));

        Answer lost = api.send("PATCH", "/api/v1/members/" + member, rename, key);
        clock.race.set(null);
        String nameAfterTheConflict = displayName(member);
        Answer retried = api.send("PATCH", "/api/v1/members/" + member, rename, key);

        assertThat(lost.status()).as(lost.body().toString()).isEqualTo(409);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.code()).isEqualTo("CONCURRENT_MODIFICATION");
        assertThat(retried.status()).as("a conflict is not the key's answer for good: " + retried.body()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(nameAfterTheConflict).as("the conflict wrote nothing").isEqualTo("Test");
        assertThat(displayName(member)).isEqualTo("Raced");
    }

    /**
     * Makes the member's shard refuse every insert of a member with {@code mobile} (a trigger on each physical member
     * table), as a statement that fails after the command claimed its values; closing it drops the triggers.
     */
    private static AutoCloseable memberInsertsFailing(LocalStack stack, String mobile) throws SQLException {
        Connection master = DriverManager.getConnection("jdbc:mariadb://" + stack.endpoint("member.stores.mysql.master"),
                stack.endpoint("member.stores.mysql.username"), stack.endpoint("member.stores.mysql.password"));
        List<String> tables = new ArrayList<>();
        try (Statement statement = master.createStatement();
             ResultSet found = statement.executeQuery("SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables "
                     + "WHERE table_schema LIKE 'member\\_db\\_%' AND table_name REGEXP '^member_[0-9]+$'")) {
            while (found.next()) {
                tables.add(found.getString(1));
            }
        }
        assertThat(tables).isNotEmpty();
        try (Statement statement = master.createStatement()) {
            for (String table : tables) {
                statement.execute("CREATE TRIGGER " + table + "_it_refused BEFORE INSERT ON " + table + " FOR EACH ROW "
                        + "IF NEW.mobile = '" + mobile + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF");
            }
        }
        return () -> {
            try (master; Statement statement = master.createStatement()) {
                for (String table : tables) {
                    statement.execute("DROP TRIGGER IF EXISTS " + table + "_it_refused");
                }
            }
        };
    }

    /**
     * A registration whose member insert fails after it claimed its mobile (the driver reports the trigger's refusal
     * as a lost connection, so the write is queued, as it would be for a shard that went away): its transaction
     * rolled back, so it gives its claims back, and the same request under the same key then registers the member,
     * whether the caller's retry or the queued replay runs it first.
     */
    @Test
    void shouldGiveBackTheClaimsOfARegistrationWhoseTransactionRolledBackSoItsRetrySucceeds(LocalStack stack) throws Exception {
        String mobile = freshMobile();
        String key = freshWeChatId("key-");
        Answer failed;
        try (AutoCloseable refused = memberInsertsFailing(stack, mobile)) {
            failed = api.post("/api/v1/members", registration(mobile), key);
        }

        assertThat(failed.status()).as(failed.body().toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Answer retried = api.post("/api/v1/members", registration(mobile), key);
            assertThat(retried.status()).as("the same request under the same key: " + retried.body()).isEqualTo(201);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM member WHERE mobile = ?", Integer.class, mobile)).isOne();
    }

    /**
     * A change that waits between claiming and committing (a long GC pause, slow statements) until its claim is
     * stale: another member takes the value over and commits it, and the waiting change, past its commit deadline
     * once its statements are done, must not commit. The wait is made at once: the claim's database stamp is set 31 s
     * back and the service's monotonic clock skips 31 s, at the first clock reading after the claim.
     */
    @Test
    void shouldNotCommitAChangeWhoseClaimWasTakenOverWhileItWaited() {
        String waiting = registered(freshMobile());
        String contested = freshMobile();
        Duration waited = IndexClaims.GRACE.plusSeconds(1);
        AtomicReference<Answer> other = new AtomicReference<>();
        clock.race.set(() -> {
            if (claimsOn(contested) == 1) {
                clock.race.set(null);
                jdbc.update("UPDATE mobile_index SET stamped_at = ? WHERE mobile = ?", Timestamp.from(Instant.now().minus(waited)),
                        contested);
                ticker.skipped.addAndGet(waited.toNanos());
                other.set(api.post("/api/v1/members", registration(contested)));
            }
        });

        Answer late = api.put("/api/v1/members/" + waiting + "/mobile", "{\"mobile\":\"" + contested + "\"}");

        assertThat(other.get()).as("the race ran").isNotNull();
        assertThat(other.get().status()).as("the stale claim is taken over: " + other.get().body()).isEqualTo(201);
        assertThat(late.status()).as(late.body().toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("MOBILE_OWNED_BY_OTHER_MEMBER");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM member WHERE mobile = ?", Integer.class, contested))
                .as("one member holds the mobile").isOne();
    }

    @Test
    void shouldCountAYoungClaimAsHeldHoweverFarAheadTheServiceClockRuns() {
        String mobile = freshMobile();
        claimedByAnotherCommand(mobile, Duration.ofSeconds(1));
        clock.offset.set(Duration.ofMinutes(5));

        Answer second = api.post("/api/v1/members", registration(mobile));

        assertThat(second.status()).as("the claim may still commit: " + second.body()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("MOBILE_OWNED_BY_OTHER_MEMBER");
    }

    @Test
    void shouldTakeOverAStaleClaimHoweverFarBehindTheServiceClockRuns() {
        String mobile = freshMobile();
        claimedByAnotherCommand(mobile, IndexClaims.GRACE.plusSeconds(10));
        clock.offset.set(Duration.ofMinutes(-5));

        Answer registered = api.post("/api/v1/members", registration(mobile));

        assertThat(registered.status()).as("nobody holds the mobile: " + registered.body()).isEqualTo(201);
        assertThat(claimsOn(mobile)).isEqualTo(1);
    }

    @Test
    void shouldNotLetALateReleaseFreeAValueTheMemberTookBack() {
        String first = freshMobile();
        String member = registered(first);
        MemberId id = MemberId.parse(member);
        // The release of the move away from the first mobile runs after its commit, with the stamp read before it.
        Instant stampBeforeTheMove = claims.stampOf(LookupIndex.MOBILE, first, id);
        assertThat(api.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + freshMobile() + "\"}").status()).isEqualTo(200);
        assertThat(api.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + first + "\"}").status()).isEqualTo(200);

        // The same release, arriving late (its thread paused until after the member took the mobile back).
        claims.releaseHeld(LookupIndex.MOBILE, first, id, stampBeforeTheMove);
        Answer other = api.post("/api/v1/members", registration(first));

        assertThat(claimsOn(first)).as("the member's new claim stays").isEqualTo(1);
        assertThat(other.status()).as(other.body().toString()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("MOBILE_OWNED_BY_OTHER_MEMBER");
    }
}
