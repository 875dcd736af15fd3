package com.memberplatform.write.outbox;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.openid;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.testsupport.HealthProbe;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every change leaves as one event, in version order per member, and none is lost to a broker outage or a crash. */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChangeEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    private static DefaultMQPushConsumer consumer;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void listen(LocalStack stack) throws Exception {
        consumer = Consumers.push(stack.endpoint("member.stores.rocketmq.name-server"), "it-change-events-" + UUID.randomUUID());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(MemberChangeEvent.TOPIC, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            for (var message : messages) {
                try {
                    received.computeIfAbsent(message.getKeys(), k -> new CopyOnWriteArrayList<>()).add(JSON.readTree(message.getBody()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
    }

    @AfterAll
    static void stopListening() {
        consumer.shutdown();
    }

    private static List<Long> versionsOf(String memberId) {
        return received.getOrDefault(memberId, List.of()).stream().map(event -> event.path("version").asLong()).toList();
    }

    @Test
    void shouldPublishOneEventPerChangeInVersionOrder() {
        WriteApi api = WriteApi.asOrderCaller(port);
        String oldMobile = freshMobile();
        Answer registered = api.post("/api/v1/members", "{\"mobile\":\"" + oldMobile + "\",\"platform\":\"WECHAT\",\"firstAccount\":"
                + openid("wxminiapp0001", freshWeChatId("oEv"), null) + "}");
        String member = registered.memberId();
        api.patch("/api/v1/members/" + member, "{\"displayName\":\"Events\"}");
        api.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + freshMobile() + "\"}");
        String binding = registered.body().path("bindings").get(0).path("bindingId").asText();
        api.delete("/api/v1/members/" + member + "/bindings/" + binding);

        await().atMost(Duration.ofSeconds(30)).until(() -> versionsOf(member).size() >= 5);

        List<JsonNode> events = received.get(member);
        assertThat(versionsOf(member)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(e -> e.path("changeType").asText())
                .containsExactly("REGISTERED", "ACCOUNT_BOUND", "PROFILE_CHANGED", "MOBILE_CHANGED", "ACCOUNT_UNBOUND");
        assertThat(events).allSatisfy(e -> assertThat(e.path("snapshot").path("version").asLong()).isEqualTo(e.path("version").asLong()));
        assertThat(events.get(3).path("staleKeys").toString()).contains("mobile:" + oldMobile);
        assertThat(events.get(4).path("staleKeys").toString()).contains("account:WECHAT|WECHAT_OPENID|wxminiapp0001|");
    }

    @Test
    void shouldLoseNoEventWhileTheBrokerIsDown(LocalStack stack) {
        WriteApi api = WriteApi.asOrderCaller(port);
        List<String> members = new ArrayList<>();
        stack.stop("rocketmq-broker");
        try {
            for (int i = 0; i < 5; i++) {
                Answer answer = api.post("/api/v1/members", registration(freshMobile()));
                assertThat(answer.status()).as("writes do not wait for the broker").isEqualTo(201);
                members.add(answer.memberId());
            }
        } finally {
            stack.start("rocketmq-broker");
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(members).allSatisfy(member -> assertThat(versionsOf(member)).containsExactly(1L)));
    }

    @Test
    void shouldSendEventsWithinSecondsWhileTheLocalReplicaIsStopped(LocalStack stack) {
        WriteApi api = WriteApi.asOrderCaller(port);
        stack.stop("mariadb-a-replica");
        try {
            Answer answer = api.post("/api/v1/members", registration(freshMobile()));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
            String member = answer.memberId();
            Answer renamed = api.patch("/api/v1/members/" + member, "{\"displayName\":\"Replica away\"}");
            assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(versionsOf(member)).containsExactly(1L, 2L));
        } finally {
            stack.start("mariadb-a-replica");
        }
    }

    @Test
    void shouldEndEveryRelayRoundWithinItsLeaseWhileTheBrokerHangs(LocalStack stack) throws Exception {
        WriteApi api = WriteApi.asOrderCaller(port);
        List<String> members = new ArrayList<>();
        double longestRoundMillis;
        // A frozen broker takes connections and never answers: each send waits the producer's whole timeout (3 s),
        // so a round over eight waiting members would take 24 s, past its 15 s lease.
        stack.freeze("rocketmq-broker");
        try {
            for (int i = 0; i < 8; i++) {
                Answer answer = api.post("/api/v1/members", registration(freshMobile()));
                assertThat(answer.status()).isEqualTo(201);
                members.add(answer.memberId());
            }
            Thread.sleep(30_000);
            longestRoundMillis = meters.get("member.outbox.relay.round").timer().max(TimeUnit.MILLISECONDS);
        } finally {
            stack.thaw("rocketmq-broker");
        }

        assertThat(longestRoundMillis).as("the longest relay round, ms").isLessThan(RelayLease.LEASE.toMillis());
        // Nothing lost. A send the producer gave up on may still be stored once the broker runs again, so an event
        // can arrive more than once here (delivery is at least once; consumers keep the highest version).
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(members).allSatisfy(member -> assertThat(versionsOf(member)).isNotEmpty().containsOnly(1L)));
    }

    @Test
    void shouldSendWhatAServiceCommittedBeforeItDied(LocalStack stack) throws Exception {
        int port = freePort();
        // A second instance that commits changes but has no relay: killing it after the commit leaves the events
        // exactly where a crash between commit and send would leave them.
        Process doomed = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar",
                Path.of("target/member-write-service.jar").toAbsolutePath().toString(), "--server.port=" + port,
                "--member.outbox.relay.enabled=false", "--member.commands.consumer.enabled=false",
                "--spring.config.import=file:" + stack.home().resolve("stack.properties"))
                .redirectErrorStream(true).redirectOutput(stack.home().resolve("logs/it-doomed-writer.log").toFile()).start();
        String member;
        try {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> "UP".equals(HealthProbe.of("http://127.0.0.1:" + port).overallStatus()));
            Answer answer = WriteApi.asOrderCaller(port).post("/api/v1/members", registration(freshMobile()));
            assertThat(answer.status()).isEqualTo(201);
            member = answer.memberId();
        } finally {
            doomed.destroyForcibly().waitFor();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(versionsOf(member)).containsExactly(1L));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
