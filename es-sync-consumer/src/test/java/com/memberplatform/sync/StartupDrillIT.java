package com.memberplatform.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.sync.replication.TargetConsumer;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.RunningService;
import com.memberplatform.testsupport.ServiceProcess;
import com.memberplatform.testsupport.StartupDrill;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * The sync service starts with every store away (and with the name server frozen), names each missing store and each
 * of its five consumer groups in its health, and once the stores are back replicates a change to all five targets
 * (three ES clusters, two centers' caches) without a restart.
 */
@WithLocalStack
class StartupDrillIT {

    private static final String MODULE = "es-sync-consumer";
    private static final List<String> STORES = List.of("mysql", "rocketmq", "redis", "elasticsearch", "configRedis");
    private static final List<String> GROUPS = TargetConsumer.targets().stream().map(TargetConsumer::consumerGroup).toList();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningService WRITER = RunningService.of("member-write-service", "--member.commands.consumer.enabled=false");

    @Test
    void shouldStartWithEveryStoreStoppedAndReplicateOnceTheyAreBack(LocalStack stack) throws Exception {
        try (ServiceProcess sync = StartupDrill.withStoresStopped(stack, MODULE, STORES, GROUPS)) {
            assertReplicatedToEveryTarget(stack);
        }
    }

    @Test
    void shouldStartWhileTheNameServerIsFrozen(LocalStack stack) throws Exception {
        try (ServiceProcess sync = StartupDrill.withServerFrozen(stack, MODULE, "rocketmq-namesrv", GROUPS.get(0))) {
            assertReplicatedToEveryTarget(stack);
        }
    }

    @Test
    void shouldEndItsJvmAtOnceWhenItsContextFails(LocalStack stack) throws Exception {
        assertThat(StartupDrill.exitCodeWhenTheContextFails(stack, MODULE, Duration.ofSeconds(90))).isNotZero();
    }

    /**
     * Registers a member, puts an entry for it in both centers' caches, changes it: every ES cluster must get the new
     * version and both entries must go.
     */
    private static void assertReplicatedToEveryTarget(LocalStack stack) {
        WriteApi api = WRITER.asOrderCaller();
        String member = await().atMost(Duration.ofSeconds(90)).until(() -> {
            WriteApi.Answer answer = api.post("/api/v1/members", WriteApi.registration(WriteApi.freshMobile()));
            return answer.status() == 201 ? answer.memberId() : null;
        }, id -> id != null);
        awaitVersionInEveryCluster(stack, member, 1);
        List<LookupKey> cacheKey = List.of(LookupKey.memberId(Long.parseLong(member)));
        List<RedissonClient> centers = List.of(redis(stack.endpoint("member.stores.redis.a")), redis(stack.endpoint("member.stores.redis.b")));
        try {
            centers.forEach(center -> assertThat(MemberCacheProtocol.fill(center, Long.parseLong(member), 1, cacheKey, "{}",
                    Duration.ofMinutes(5))).isEqualTo(1));
            WriteApi.Answer changed = api.patch("/api/v1/members/" + member, "{\"displayName\":\"Drilled\"}");
            assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
            awaitVersionInEveryCluster(stack, member, 2);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(centers)
                    .allSatisfy(center -> assertThat(MemberCacheProtocol.read(center, cacheKey.get(0))).isNull()));
        } finally {
            centers.forEach(RedissonClient::shutdown);
        }
    }

    private static void awaitVersionInEveryCluster(LocalStack stack, String member, long version) {
        List<String> clusters = List.of("primary", "backup", "marketing");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(clusters).allSatisfy(cluster ->
                assertThat(versionIn(stack.endpoint("member.stores.elasticsearch." + cluster), member)).as(cluster).isEqualTo(version)));
    }

    /** The document's external version in one cluster (0 if it has none), read over plain HTTP. */
    private static long versionIn(String cluster, String member) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster + "/" + MemberDocuments.VIEW_ALIAS
                + "/_doc/" + member + "?routing=" + member + "&_source=false")).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("\"_version\":(\\d+)").matcher(response.body());
        return response.statusCode() == 200 && version.find() ? Long.parseLong(version.group(1)) : 0;
    }

    private static RedissonClient redis(String address) {
        return RedisCenters.client(address);
    }
}
