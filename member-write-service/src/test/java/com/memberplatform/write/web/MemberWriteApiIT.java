package com.memberplatform.write.web;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.openid;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberWriteApiIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource sharded;

    @Autowired
    IdempotencyExpiry expiry;

    WriteApi api;

    @BeforeEach
    void client() {
        api = WriteApi.asOrderCaller(port);
    }

    private String registered(String mobile) {
        Answer answer = api.post("/api/v1/members", registration(mobile));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.memberId();
    }

    private int membersWithMobile(String mobile) {
        // A deliberate scatter over every shard: the test checks that no second member row exists anywhere.
        return new JdbcTemplate(sharded).queryForObject("SELECT COUNT(*) FROM member WHERE mobile = ?", Integer.class, mobile);
    }

    private long version(String memberId) {
        return new JdbcTemplate(sharded).queryForObject("SELECT version FROM member WHERE member_id = ?", Long.class,
                Long.parseLong(memberId));
    }

    @Nested
    class Commands {

        @Test
        void shouldRegisterAMemberWithAFirstAccount() {
            String body = "{\"mobile\":\"" + freshMobile() + "\",\"platform\":\"WECHAT\",\"firstAccount\":"
                    + openid("wxminiapp0001", freshWeChatId("oReg"), freshWeChatId("uReg")) + "}";

            Answer answer = api.post("/api/v1/members", body);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body().path("version").asLong()).isEqualTo(2);
            assertThat(answer.body().path("bindings")).hasSize(1);
        }

        @Test
        void shouldChangeProfileAndMobileBumpingTheVersion() {
            String member = registered(freshMobile());

            Answer renamed = api.patch("/api/v1/members/" + member, "{\"displayName\":\"Renamed\"}");
            Answer moved = api.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + freshMobile() + "\"}");

            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.body().path("version").asLong()).isEqualTo(2);
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.body().path("version").asLong()).isEqualTo(3);
        }

        @Test
        void shouldFreeTheOldMobileForOthersAfterAMobileChange() {
            String oldMobile = freshMobile();
            String member = registered(oldMobile);
            api.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + freshMobile() + "\"}");

            assertThat(api.post("/api/v1/members", registration(oldMobile)).status()).isEqualTo(201);
        }

        @Test
        void shouldBindAndUnbindAnAccountSoAnotherMemberCanTakeIt() {
            String alice = registered(freshMobile());
            String bob = registered(freshMobile());
            String account = openid("wxminiapp0001", freshWeChatId("oAcc"), null);

            Answer bound = api.post("/api/v1/members/" + alice + "/bindings", account);
            assertThat(bound.status()).isEqualTo(201);
            String bindingId = bound.body().path("bindings").get(0).path("bindingId").asText();

            Answer unbound = api.delete("/api/v1/members/" + alice + "/bindings/" + bindingId);
            assertThat(unbound.status()).isEqualTo(200);
            assertThat(unbound.body().path("bindings")).isEmpty();

            assertThat(api.post("/api/v1/members/" + bob + "/bindings", account).status()).isEqualTo(201);
        }

        @Test
        void shouldAnswerABindingTheMemberAlreadyHasWithoutAChange() {
            String alice = registered(freshMobile());
            String account = openid("wxminiapp0001", freshWeChatId("oTwice"), null);
            api.post("/api/v1/members/" + alice + "/bindings", account);

            Answer again = api.post("/api/v1/members/" + alice + "/bindings", account);

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().path("version").asLong()).isEqualTo(2);
        }
    }

    @Nested
    class Governance {

        @Test
        void shouldRejectASecondMemberWithTheSameMobileAndWriteNothing() {
            String mobile = freshMobile();
            registered(mobile);

            Answer second = api.post("/api/v1/members", registration(mobile));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.code()).isEqualTo("MOBILE_OWNED_BY_OTHER_MEMBER");
            assertThat(membersWithMobile(mobile)).isEqualTo(1);
        }

        @Test
        void shouldRejectAnAccountBoundToAnotherMemberAndLeaveTheSecondUntouched() {
            String alice = registered(freshMobile());
            String bob = registered(freshMobile());
            String account = openid("wxminiapp0001", freshWeChatId("oCross"), null);
            api.post("/api/v1/members/" + alice + "/bindings", account);

            Answer stolen = api.post("/api/v1/members/" + bob + "/bindings", account);

            assertThat(stolen.status()).isEqualTo(409);
            assertThat(stolen.code()).isEqualTo("ACCOUNT_BOUND_TO_OTHER_MEMBER");
            assertThat(version(bob)).isEqualTo(1);
        }

        @Test
        void shouldRejectAnOpenidWhoseUnionidBelongsToAnotherMember() {
            String alice = registered(freshMobile());
            String bob = registered(freshMobile());
            String unionid = freshWeChatId("uAlice");
            api.post("/api/v1/members/" + alice + "/bindings", openid("wxofficial0001", freshWeChatId("oOff"), unionid));

            // Bob's mini-program openid arrives with Alice's unionid: the seeds' cross-binding bug.
            Answer crossed = api.post("/api/v1/members/" + bob + "/bindings", openid("wxminiapp0001", freshWeChatId("oMini"), unionid));

            assertThat(crossed.status()).isEqualTo(409);
            assertThat(crossed.code()).isEqualTo("UNIONID_BOUND_TO_OTHER_MEMBER");
            assertThat(version(bob)).isEqualTo(1);
        }

        @Test
        void shouldRejectASecondUnionidOnOneMember() {
            String alice = registered(freshMobile());
            api.post("/api/v1/members/" + alice + "/bindings", openid("wxofficial0001", freshWeChatId("oOff"), freshWeChatId("uOne")));

            Answer second = api.post("/api/v1/members/" + alice + "/bindings",
                    openid("wxminiapp0001", freshWeChatId("oMini"), freshWeChatId("uTwo")));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("UNIONID_MISMATCH");
            assertThat(version(alice)).isEqualTo(2);
        }

        @Test
        void shouldRejectAMobileChangeToAnotherMembersMobile() {
            String aliceMobile = freshMobile();
            registered(aliceMobile);
            String bob = registered(freshMobile());

            Answer taken = api.put("/api/v1/members/" + bob + "/mobile", "{\"mobile\":\"" + aliceMobile + "\"}");

            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.code()).isEqualTo("MOBILE_OWNED_BY_OTHER_MEMBER");
            assertThat(membersWithMobile(aliceMobile)).isEqualTo(1);
        }

        @Test
        void shouldAnswer404ForAnUnknownMember() {
            Answer answer = api.patch("/api/v1/members/42", "{\"displayName\":\"Ghost\"}");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("MEMBER_NOT_FOUND");
        }
    }

    @Nested
    class Idempotency {

        @Test
        void shouldReplayTheFirstAnswerForTheSameKeyAndBody() {
            String key = freshWeChatId("key-");
            String body = registration(freshMobile());

            Answer first = api.post("/api/v1/members", body, key);
            Answer replay = api.post("/api/v1/members", body, key);

            assertThat(first.status()).isEqualTo(201);
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.memberId()).isEqualTo(first.memberId());
        }

        @Test
        void shouldRefuseTheSameKeyForAnotherBody() {
            String key = freshWeChatId("key-");
            api.post("/api/v1/members", registration(freshMobile()), key);

            Answer reused = api.post("/api/v1/members", registration(freshMobile()), key);

            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }

        @Test
        void shouldTakeOverAReservationItsRequestAbandonedButNotOneStillRunning() {
            String abandoned = freshWeChatId("key-");
            String running = freshWeChatId("key-");
            JdbcTemplate jdbc = new JdbcTemplate(sharded);
            String insert = "INSERT INTO idempotency_record (idem_key, request_hash, created_at) VALUES (?, ?, ?)";
            // As left by a request whose MySQL went away between reserving the key and storing the answer.
            jdbc.update(insert, "order-demo:" + abandoned, "0".repeat(64), Timestamp.from(Instant.now().minusSeconds(120)));
            jdbc.update(insert, "order-demo:" + running, "0".repeat(64), Timestamp.from(Instant.now()));

            String runningMobile = freshMobile();
            Answer takenOver = api.post("/api/v1/members", registration(freshMobile()), abandoned);
            Answer stillRunning = api.post("/api/v1/members", registration(runningMobile), running);

            assertThat(takenOver.status()).as(takenOver.body().toString()).isEqualTo(201);
            assertThat(stillRunning.status()).isEqualTo(409);
            assertThat(membersWithMobile(runningMobile)).as("a reservation of the last minute is not taken over").isZero();
        }

        @Test
        void shouldRefuseAMalformedKeyAndWriteNothing() {
            String mobile = freshMobile();

            Answer refused = api.post("/api/v1/members", registration(mobile), "not a key!");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.body().path("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(membersWithMobile(mobile)).isZero();
        }

        @Test
        void shouldForgetKeysOlderThanTheRetentionAndStillReplayYoungerOnes() {
            String old = freshWeChatId("key-");
            String young = freshWeChatId("key-");
            String youngBody = registration(freshMobile());
            assertThat(api.post("/api/v1/members", registration(freshMobile()), old).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/members", youngBody, young).status()).isEqualTo(201);
            JdbcTemplate jdbc = new JdbcTemplate(sharded);
            // As the clock would leave it 25 hours on: past the 24 h retention.
            jdbc.update("UPDATE idempotency_record SET created_at = ? WHERE idem_key = ?",
                    Timestamp.from(Instant.now().minus(Duration.ofHours(25))), "order-demo:" + old);

            assertThat(expiry.expire()).isPositive();

            String count = "SELECT COUNT(*) FROM idempotency_record WHERE idem_key = ?";
            assertThat(jdbc.queryForObject(count, Integer.class, "order-demo:" + old)).as("forgotten").isZero();
            assertThat(jdbc.queryForObject(count, Integer.class, "order-demo:" + young)).as("kept").isOne();
            Answer replay = api.post("/api/v1/members", youngBody, young);
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void shouldReplayAnyWriteByItsKey() {
            String member = registered(freshMobile());
            String key = freshWeChatId("key-");

            Answer first = api.send("PATCH", "/api/v1/members/" + member, "{\"displayName\":\"Once\"}", key);
            Answer replay = api.send("PATCH", "/api/v1/members/" + member, "{\"displayName\":\"Once\"}", key);

            assertThat(first.status()).isEqualTo(200);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(version(member)).as("renamed once").isEqualTo(2);
        }
    }

    @Nested
    class Callers {

        @Test
        void shouldAnswer401WithoutACaller() {
            Answer answer = new WriteApi(port, null, null).post("/api/v1/members", registration(freshMobile()));

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void shouldAnswer401ForAWrongToken() {
            String mobile = freshMobile();
            Answer answer = api.as("order-demo", "not-the-token").post("/api/v1/members", registration(mobile));

            assertThat(answer.status()).isEqualTo(401);
            assertThat(membersWithMobile(mobile)).isZero();
        }

        @Test
        void shouldAnswer403ToACallerWithoutWriteRights() {
            String mobile = freshMobile();
            Answer answer = api.as("marketing-demo", "marketing-demo-token").post("/api/v1/members", registration(mobile));

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("FORBIDDEN");
            assertThat(membersWithMobile(mobile)).isZero();
        }
    }

    @Nested
    class BadInput {

        @Test
        void shouldRejectMalformedJson() {
            Answer answer = api.post("/api/v1/members", "{\"mobile\":");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("MALFORMED_REQUEST");
        }

        @Test
        void shouldNameAnUnknownField() {
            Answer answer = api.post("/api/v1/members", "{\"mobile\":\"" + freshMobile() + "\",\"platform\":\"WECHAT\",\"vip\":true}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("field").asText()).isEqualTo("vip");
        }

        @Test
        void shouldNameAnInvalidMobileAndWriteNothing() {
            Answer answer = api.post("/api/v1/members", registration("+8612345"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.body().path("field").asText()).startsWith("mobile");
            assertThat(answer.body().toString()).doesNotContain("12345");
        }

        @Test
        void shouldNameABadAccountTypeOfTheFirstAccount() {
            String mobile = freshMobile();
            Answer answer = api.post("/api/v1/members", "{\"mobile\":\"" + mobile + "\",\"platform\":\"WECHAT\",\"firstAccount\":"
                    + "{\"platform\":\"WECHAT\",\"accountType\":\"FAX\",\"appId\":\"wx1\",\"value\":\"oAbcdef12\"}}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("field").asText()).isEqualTo("firstAccount.accountType");
            assertThat(membersWithMobile(mobile)).isZero();
        }

        @Test
        void shouldNameAnInvalidMemberId() {
            Answer answer = api.patch("/api/v1/members/abc", "{\"displayName\":\"X\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("field").asText()).isEqualTo("memberId");
        }

        /** A registration sent chunked: the body announces no length. */
        private java.net.http.HttpResponse<String> postChunked(byte[] body) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/members"))
                    .header("Content-Type", "application/json").header("X-Caller-Id", "order-demo")
                    .header("Authorization", "Bearer order-demo-token")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void shouldRefuseAnOversizedChunkedBodyThatAnnouncesNoLength() throws Exception {
            String mobile = freshMobile();
            byte[] body = ("{\"mobile\":\"" + mobile + "\",\"platform\":\"WECHAT\",\"displayName\":\"" + "y".repeat(20_000) + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var response = postChunked(body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
            assertThat(membersWithMobile(mobile)).isZero();
        }

        @Test
        void shouldAcceptASmallChunkedBody() throws Exception {
            byte[] body = registration(freshMobile()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var response = postChunked(body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }

        @Test
        void shouldRefuseAnOversizedBody() {
            Answer answer = api.post("/api/v1/members", "{\"displayName\":\"" + "x".repeat(20_000) + "\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }
}
