package com.memberplatform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.RunningService;
import com.memberplatform.testsupport.ServiceProcess;
import com.memberplatform.testsupport.StartupDrill;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query service starts with MySQL, both centers' Redis, the three ES clusters and the configuration Redis away,
 * names each in its health, and once they are back answers lookups (from a store, then from its cache) without a
 * restart.
 */
@WithLocalStack
class StartupDrillIT {

    private static final String MODULE = "member-query-service";
    private static final List<String> STORES = List.of("mysql", "redis", "elasticsearch", "configRedis");

    @RegisterExtension
    static final RunningService WRITER = RunningService.of("member-write-service", "--member.commands.consumer.enabled=false");
    @RegisterExtension
    static final RunningService SYNC = RunningService.of("es-sync-consumer");

    @Test
    void shouldStartWithEveryStoreStoppedAndAnswerOnceTheyAreBack(LocalStack stack) throws Exception {
        try (ServiceProcess query = StartupDrill.withStoresStopped(stack, MODULE, STORES, List.of())) {
            String mobile = WriteApi.freshMobile();
            String member = await().atMost(Duration.ofSeconds(90)).until(() -> {
                WriteApi.Answer registered = WRITER.asOrderCaller().post("/api/v1/members", WriteApi.registration(mobile));
                return registered.status() == 201 ? registered.memberId() : null;
            }, id -> id != null);
            WriteApi lookups = WriteApi.asOrderCaller(query.port());
            String byMobile = "{\"mobile\":\"" + mobile + "\"}";

            WriteApi.Answer first = lookups.post("/api/v1/members/lookup", byMobile);
            assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
            assertThat(first.body().path("memberId").asText()).isEqualTo(member);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "cache_a".equals(lookups.post("/api/v1/members/lookup", byMobile).header("X-Member-Source")));
        }
    }

    @Test
    void shouldEndItsJvmAtOnceWhenItsContextFails(LocalStack stack) throws Exception {
        assertThat(StartupDrill.exitCodeWhenTheContextFails(stack, MODULE, Duration.ofSeconds(90))).isNotZero();
    }
}
