package com.memberplatform.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.query.QueryStackTest;
import com.memberplatform.query.TestMembers;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.api.topology.DataCenter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The lookup API on the real stack, fed by a real write service and sync consumer. */
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LookupApiIT extends QueryStackTest {


    @LocalServerPort
    int port;

    WriteApi order;
    TestMembers members;

    @BeforeEach
    void clients() {
        order = WriteApi.asOrderCaller(port);
        members = members();
    }

    private String[] registered() {
        TestMembers.Registered member = members.register();
        return new String[] {member.id(), member.mobile(), member.openid(), member.unionid()};
    }

    /**
     * Fills, then probes, until the probe is answered from the local cache. (The registration's own cache invalidation
     * may still delete the first fill: it runs after the change is in ES, so a test cannot order itself after it.)
     */
    private static void awaitFromCache(Supplier<WriteApi.Answer> fill, Supplier<WriteApi.Answer> probe) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(fill.get().status()).isEqualTo(200);
            assertThat(probe.get().header("X-Member-Source")).isEqualTo("cache_a");
        });
    }

    private MemberCacheProtocol.Answer cached(LookupKey lookupKey) {
        return members.cached(DataCenter.A, lookupKey);
    }

    private static String byMobile(String mobile) {
        return "{\"mobile\":\"" + mobile + "\"}";
    }

    @Test
    void shouldAnswerByIdMobileAccountAndUnionidWithPersonalDataMasked() {
        String[] m = registered();

        WriteApi.Answer byId = order.get("/api/v1/members/" + m[0]);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().path("memberId").asText()).isEqualTo(m[0]);
        assertThat(byId.body().path("version").asLong()).isEqualTo(2);
        assertThat(byId.body().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(byId.body().path("mobile").asText()).doesNotContain(m[1].substring(6)).contains("*");
        assertThat(byId.body().path("bindings").get(0).path("accountType").asText()).isEqualTo("WECHAT_OPENID");
        assertThat(byId.body().path("bindings").get(0).path("value").asText()).isNotEqualTo(m[2]).contains("*");
        assertThat(byId.body().toString()).doesNotContain(m[2]).doesNotContain(m[3]);

        for (String body : List.of(byMobile(m[1]), "{\"unionid\":\"" + m[3] + "\"}", "{\"account\":{\"platform\":\"WECHAT\","
                + "\"accountType\":\"WECHAT_OPENID\",\"appId\":\"wxminiapp0001\",\"value\":\"" + m[2] + "\"}}")) {
            WriteApi.Answer found = order.post("/api/v1/members/lookup", body);
            assertThat(found.status()).as(body).isEqualTo(200);
            assertThat(found.body().path("memberId").asText()).isEqualTo(m[0]);
        }
        WriteApi.Answer full = order.as("ops-demo", "ops-demo-token").post("/api/v1/members/lookup", byMobile(m[1]));
        assertThat(full.body().path("mobile").asText()).as("READ_FULL_MOBILE").isEqualTo(m[1]);
    }

    @Test
    void shouldServeRepeatedLookupsFromTheLocalCache() {
        String[] m = registered();

        assertThat(order.post("/api/v1/members/lookup", byMobile(m[1])).header("X-Member-Source")).isEqualTo("es_primary");
        awaitFromCache(() -> order.post("/api/v1/members/lookup", byMobile(m[1])), () -> order.post("/api/v1/members/lookup", byMobile(m[1])));
        assertThat(order.get("/api/v1/members/" + m[0]).header("X-Member-Source")).as("filled under every key").isEqualTo("cache_a");
        assertThat(cached(LookupKey.mobile(m[1])).version()).isEqualTo(2);
    }

    @Test
    void shouldAnswerABatchInTheOrderAskedAndNameTheMissing() {
        String[] a = registered();
        String[] b = registered();
        String unknown = "123456789";

        WriteApi.Answer batch = order.post("/api/v1/members/batch-get", "{\"memberIds\":[\"" + b[0] + "\",\"" + unknown + "\",\""
                + a[0] + "\",\"" + b[0] + "\"]}");

        assertThat(batch.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        batch.body().path("members").forEach(member -> ids.add(member.path("memberId").asText()));
        assertThat(ids).containsExactly(b[0], a[0]);
        assertThat(batch.body().path("notFound").get(0).asText()).isEqualTo(unknown);
        // Later, from the cache the batch filled.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            order.post("/api/v1/members/batch-get", "{\"memberIds\":[\"" + b[0] + "\"]}");
            return cached(LookupKey.memberId(Long.parseLong(b[0]))) != null;
        });
    }

    @Test
    void shouldRefuseBadRequestsWithAStableCodeAndTheField() {
        assertProblem(order.get("/api/v1/members/42424242424242"), 404, "MEMBER_NOT_FOUND", null);
        assertProblem(order.post("/api/v1/members/lookup", byMobile(WriteApi.freshMobile())), 404, "MEMBER_NOT_FOUND", null);
        assertProblem(order.get("/api/v1/members/abc"), 400, "VALIDATION_FAILED", "memberId");
        assertProblem(order.post("/api/v1/members/lookup", byMobile("12345")), 400, "VALIDATION_FAILED", "mobile");
        assertProblem(order.post("/api/v1/members/lookup", "{\"mobile\":\"+8613800138000\",\"unionid\":\"uX\"}"), 400,
                "VALIDATION_FAILED", "body");
        assertProblem(order.post("/api/v1/members/lookup", "{\"account\":{\"platform\":\"WECHAT\",\"accountType\":\"NOPE\","
                + "\"appId\":\"wx1\",\"value\":\"o1\"}}"), 400, "VALIDATION_FAILED", "account.accountType");
        assertProblem(order.post("/api/v1/members/lookup", "{\"phone\":\"+8613800138000\"}"), 400, "VALIDATION_FAILED", "phone");
        assertProblem(order.post("/api/v1/members/lookup", "{\"mobile\":"), 400, "MALFORMED_REQUEST", null);
        StringBuilder many = new StringBuilder("{\"memberIds\":[");
        for (int i = 1; i <= 101; i++) {
            many.append(i == 1 ? "" : ",").append('"').append(i).append('"');
        }
        assertProblem(order.post("/api/v1/members/batch-get", many + "]}"), 400, "VALIDATION_FAILED", "memberIds");
        assertProblem(order.post("/api/v1/members/batch-get", "{\"memberIds\":[\"1\",\"x\"]}"), 400, "VALIDATION_FAILED", "memberIds[1]");
        assertProblem(order.as("order-demo", "wrong-token").get("/api/v1/members/1"), 401, "UNAUTHENTICATED", null);
    }

    private static void assertProblem(WriteApi.Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        if (field != null) {
            assertThat(answer.body().path("field").asText()).isEqualTo(field);
        }
        assertThat(answer.body().toString()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void shouldShowAChangeWithinTheEsRefreshAndTheInvalidation() {
        String[] m = registered();
        awaitFromCache(() -> order.post("/api/v1/members/lookup", byMobile(m[1])), () -> order.post("/api/v1/members/lookup", byMobile(m[1])));

        assertThat(WRITER.asOrderCaller().patch("/api/v1/members/" + m[0], "{\"displayName\":\"Changed\"}").status()).isEqualTo(200);
        members.awaitVersion(m[0], 3);
        long inEs = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                "Changed".equals(order.post("/api/v1/members/lookup", byMobile(m[1])).body().path("displayName").asText())
                        && "Changed".equals(order.get("/api/v1/members/" + m[0]).body().path("displayName").asText()));
        Duration visibleAfter = Duration.ofNanos(System.nanoTime() - inEs);

        assertThat(visibleAfter).as("the ES refresh (1 s) and the invalidation, with room to spare").isLessThanOrEqualTo(Duration.ofSeconds(3));
    }
}
