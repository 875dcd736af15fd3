package com.memberplatform.flowcontrol.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.routing.StoreRoutingConfiguration;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** deploy/ops/member-config.sh against the real config Redis, with a live follower of the document. */
@WithLocalStack
class ConfigCommandIT {

    private static final String TO_B = "{\"localCenter\":\"B\",\"orderSearch\":\"BACKUP\",\"marketingSearch\":\"BACKUP\"}";

    private RedissonClient configRedis;
    private ConfigPublisher publisher;
    private LocalStack stack;

    @BeforeEach
    void connect(LocalStack stack) {
        this.stack = stack;
        configRedis = RedisCenters.client(stack.endpoint("member.stores.redis.config"));
        publisher = new ConfigPublisher(configRedis);
    }

    @AfterEach
    void close() {
        configRedis.shutdown();
    }

    private LocalStack.OpsRun config(String... args) {
        return stack.ops("member-config.sh", args);
    }

    private static String file(String json) throws IOException {
        Path file = Files.createTempFile("routing", ".json");
        Files.writeString(file, json);
        return file.toString();
    }

    @Test
    void shouldPublishAValidChangeToEveryFollowerWithinOneSecondAndRecordIt() throws Exception {
        String bundled = Files.readString(Path.of(StoreRouting.class.getResource("/member-config/routing.json").toURI()));
        try (LiveDocument<StoreRouting> follower = LiveDocument.follow(configRedis, StoreRoutingConfiguration.ROUTING,
                StoreRouting::parse, StoreRouting.bundled())) {
            String before = publisher.current(StoreRoutingConfiguration.ROUTING);

            LocalStack.OpsRun published = config("publish", "--document=routing", "--file=" + file(TO_B), "--operator=alice",
                    "--reason=drill: center A down");
            long at = System.nanoTime();

            assertThat(published.exit()).as(published.output()).isZero();
            assertThat(published.output()).contains("published routing").contains("by alice");
            await().atMost(Duration.ofSeconds(1)).until(() -> follower.current().localCenter() == DataCenter.B);
            assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofSeconds(1));
            ConfigPublisher.Change change = publisher.history("routing", 1).get(0);
            assertThat(change.operator()).isEqualTo("alice");
            assertThat(change.reason()).isEqualTo("drill: center A down");
            assertThat(change.before()).isEqualTo(before == null ? "" : before);
            assertThat(change.after()).isEqualTo(TO_B);
            assertThat(config("show", "--document=routing").output()).contains(TO_B);
            assertThat(config("history", "--document=routing", "--limit=1").output()).contains("by alice: drill: center A down");
        } finally {
            assertThat(config("publish", "--document=routing", "--file=" + file(bundled), "--operator=config-command-it",
                    "--reason=restore the bundled routing").exit()).isZero();
        }
    }

    @Test
    void shouldRefuseAnInvalidChangeWithItsReasonAndChangeNothing() throws Exception {
        String before = publisher.current(StoreRoutingConfiguration.ROUTING);
        int recorded = publisher.history(null, 10_000).size();

        LocalStack.OpsRun refused = config("publish", "--document=routing", "--file="
                + file("{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"PRIMARY\"}"), "--operator=bob", "--reason=oops");
        LocalStack.OpsRun unreadable = config("validate", "--document=routing", "--file=" + file("{\"localCenter\":"));
        LocalStack.OpsRun unknown = config("validate", "--document=limits", "--file=" + file("{}"));

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.output()).contains("refused: ").contains("marketingSearch").contains("nothing was published");
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.output()).contains("not JSON");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("known: callers, flow-rules, routing");
        assertThat(publisher.current(StoreRoutingConfiguration.ROUTING)).isEqualTo(before);
        assertThat(publisher.history(null, 10_000)).hasSize(recorded);
    }
}
