package com.memberplatform.write.commands;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.domain.MemberId;
import com.memberplatform.stores.mysql.LookupIndex;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * clock, between reading the member and committing it), and a release that arrives after the member took the value
 * back.
 */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WritePathRacesIT.Racing.class)
class WritePathRacesIT {

    /**
     * The write path's clock, with a pause point: while a race is set, every reading of the clock by a request thread
     * outside a transaction (a command deciding on the member it read) first runs the race.
     */
    static final class RacingClock extends Clock {

        final AtomicReference<Runnable> race = new AtomicReference<>();

        @Override
        public Instant instant() {
            Runnable competing = race.get();
            if (competing != null && Thread.currentThread().getName().startsWith("http-nio")
                    && !TransactionSynchronizationManager.isActualTransactionActive()) {
                competing.run();
            }
            return Instant.now();
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

    @TestConfiguration(proxyBeanMethods = false)
    static class Racing {
        @Bean
        @Primary
        RacingClock racingClock() {
            return new RacingClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource sharded;

    @Autowired
    RacingClock clock;

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
