package com.memberplatform.sync.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.SearchClusters;
import com.memberplatform.sync.SyncApplication;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.RunningService;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Every change written through the write service reaches the three ES clusters and clears both centers' caches. */
@WithLocalStack
@SpringBootTest(classes = SyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncIT {

    @RegisterExtension
    static final RunningService WRITER = RunningService.of("member-write-service", "--member.commands.consumer.enabled=false");

    private static WriteApi api() {
        return WRITER.asOrderCaller();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SearchClusters clusters;
    @Autowired
    RedisCenters centers;
    @Autowired
    MeterRegistry meters;

    private static JsonNode call(String method, String path, String body) {
        WriteApi.Answer answer = api().send(method, path, body, null);
        assertThat(answer.status()).as(answer.body().toString()).isBetween(200, 201);
        return answer.body();
    }

    private static String freshMobile() {
        return WriteApi.freshMobile();
    }

    private static String register(String mobile, String openid) {
        return call("POST", "/api/v1/members", "{\"mobile\":\"" + mobile + "\",\"platform\":\"WECHAT\",\"firstAccount\":{"
                + "\"platform\":\"WECHAT\",\"accountType\":\"WECHAT_OPENID\",\"appId\":\"wxminiapp0001\",\"value\":\"" + openid
                + "\"}}").path("memberId").asText();
    }

    private GetResponse<MemberDocuments.View> view(Store cluster, String memberId) throws Exception {
        return clusters.client(cluster).get(g -> g.index(MemberDocuments.VIEW_ALIAS).id(memberId).routing(memberId),
                MemberDocuments.View.class);
    }

    private long versionIn(Store cluster, String memberId) {
        try {
            GetResponse<MemberDocuments.View> doc = view(cluster, memberId);
            return doc.found() ? doc.source().version() : 0;
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitVersionEverywhere(String memberId, long version) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Store cluster : Store.searchClusters()) {
                assertThat(versionIn(cluster, memberId)).as(cluster.name()).isEqualTo(version);
            }
        });
    }

    private MemberCacheProtocol.Answer cached(DataCenter center, LookupKey lookupKey) {
        return MemberCacheProtocol.read(centers.center(center), lookupKey);
    }

    @Test
    void shouldReplicateAChangeToEveryClusterAndClearBothCenters() throws Exception {
        String mobile = freshMobile();
        String openid = "oSync" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String member = register(mobile, openid);
        awaitVersionEverywhere(member, 2);
        List<LookupKey> keys = List.of(LookupKey.memberId(Long.parseLong(member)), LookupKey.mobile(mobile),
                LookupKey.account("WECHAT|WECHAT_OPENID|wxminiapp0001|" + openid));
        for (DataCenter center : DataCenter.values()) {
            assertThat(MemberCacheProtocol.fill(centers.center(center), Long.parseLong(member), 2, keys, "{\"version\":2}",
                    Duration.ofMinutes(5))).as("version 2 cached under every key in " + center).isEqualTo(keys.size());
        }

        call("PATCH", "/api/v1/members/" + member, "{\"displayName\":\"Synced\"}");

        awaitVersionEverywhere(member, 3);
        for (Store cluster : Store.searchClusters()) {
            assertThat(view(cluster, member).source().displayName()).isEqualTo("Synced");
            assertThat(lookupOwner(cluster, LookupKey.mobile(mobile))).isEqualTo(member);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (DataCenter center : DataCenter.values()) {
                keys.forEach(key -> assertThat(cached(center, key)).as(center + " " + key).isNull());
            }
        });
        for (Store target : TargetConsumer.targets()) {
            assertThat(meters.get("member.sync.lag").tag("target", target.tag()).timer().count())
                    .as("lag recorded for " + target).isPositive();
        }
    }

    @Test
    void shouldNotLetAReplayedOldEventOverwriteNewerDocuments(LocalStack stack) throws Exception {
        String mobile = freshMobile();
        String member = register(mobile, "oOld" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        call("PATCH", "/api/v1/members/" + member, "{\"displayName\":\"Current\"}");
        awaitVersionEverywhere(member, 3);

        // An old event for this member arrives again: version 1, an old name, and it even claims the mobile is stale.
        long memberId = Long.parseLong(member);
        MemberChangeEvent old = new MemberChangeEvent(1, memberId, 1, "REGISTERED", Instant.parse("2025-01-01T00:00:00Z"),
                new MemberSnapshot(memberId, mobile, "Old name", "WECHAT", "ACTIVE", 1, Instant.parse("2025-01-01T00:00:00Z"), List.of()),
                List.of(LookupKey.mobile(mobile)));
        publish(stack, old);
        // A newer change queued behind the replay: once it is visible, the replay has been processed by every target.
        call("PATCH", "/api/v1/members/" + member, "{\"displayName\":\"Newest\"}");

        awaitVersionEverywhere(member, 4);
        for (Store cluster : Store.searchClusters()) {
            assertThat(view(cluster, member).source().displayName()).isEqualTo("Newest");
            assertThat(lookupOwner(cluster, LookupKey.mobile(mobile))).as("the mobile lookup survived the replay").isEqualTo(member);
        }
    }

    @Test
    void shouldBringTheBackupClusterBackInLineAfterAnOutage(LocalStack stack) throws Exception {
        List<String> members = new ArrayList<>();
        stack.stop("es-backup");
        try {
            for (int i = 0; i < 3; i++) {
                members.add(register(freshMobile(), "oOut" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> members.forEach(member ->
                    assertThat(versionIn(Store.ES_PRIMARY, member)).isEqualTo(2)));
            assertThat(versionIn(Store.ES_BACKUP, members.get(0))).as("backup is down").isEqualTo(-1);
        } finally {
            stack.start("es-backup");
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> members.forEach(member ->
                assertThat(versionIn(Store.ES_BACKUP, member)).isEqualTo(2)));
    }

    /**
     * A pause of the broker (a long GC, a stall) leaves it listing each consumer once per connection the consumer
     * opened meanwhile, for two minutes; no queue may go unread for that time. Members are written during the pause
     * and after it until every queue of the topic (8, see topics.txt) holds one.
     */
    @Test
    void shouldReplicateFromEveryQueueRightAfterTheBrokerPaused(LocalStack stack) throws Exception {
        List<String> members = new ArrayList<>();
        stack.freeze("rocketmq-broker");
        try {
            for (int i = 0; i < 4; i++) {
                members.add(register(freshMobile(), "oPause" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
            }
            Thread.sleep(35_000);
        } finally {
            stack.thaw("rocketmq-broker");
        }
        Set<Long> queues = new HashSet<>();
        while (queues.size() < 8) {
            String member = register(freshMobile(), "oPause" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
            members.add(member);
            queues.add(Math.floorMod(Long.parseLong(member), 8L));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String member : members) {
                for (Store cluster : Store.searchClusters()) {
                    assertThat(versionIn(cluster, member)).as(cluster + " " + member + " on queue " + Long.parseLong(member) % 8)
                            .isEqualTo(2);
                }
            }
        });
    }

    @Test
    void shouldAnswerEachLookupFromOneShard() throws Exception {
        String mobile = freshMobile();
        String member = register(mobile, "oShard" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        awaitVersionEverywhere(member, 2);
        String key = LookupKey.mobile(mobile).toString();

        for (Store cluster : Store.searchClusters()) {
            assertThat(searchShards(cluster, MemberDocuments.LOOKUP_ALIAS, key)).as("lookup by mobile").isEqualTo(1);
            assertThat(searchShards(cluster, MemberDocuments.VIEW_ALIAS, member)).as("lookup by id").isEqualTo(1);
            // Search sees the document after the next refresh (1 s); the routed filter query asks one shard only.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                SearchResponse<MemberDocuments.Lookup> found = clusters.client(cluster).search(s -> s.index(MemberDocuments.LOOKUP_ALIAS)
                        .routing(key).query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("lookupKey").value(key))))),
                        MemberDocuments.Lookup.class);
                assertThat(found.shards().total().intValue()).isEqualTo(1);
                assertThat(found.hits().hits()).singleElement().extracting(hit -> hit.source().memberId()).isEqualTo(member);
            });
        }
    }

    @Test
    void shouldDeadLetterAnEventTheClustersKeepRefusingAndMoveOn(LocalStack stack) throws Exception {
        java.util.Map<String, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        org.apache.rocketmq.client.consumer.DefaultMQPushConsumer deadLetters =
                new org.apache.rocketmq.client.consumer.DefaultMQPushConsumer("it-sync-dlq-" + UUID.randomUUID());
        deadLetters.setNamesrvAddr(stack.endpoint("member.stores.rocketmq.name-server"));
        deadLetters.setInstanceName(deadLetters.getConsumerGroup());
        deadLetters.setConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        deadLetters.subscribe(TargetConsumer.DEAD_LETTER_TOPIC, "*");
        deadLetters.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> reasons.put(m.getKeys() + "/" + m.getUserProperty("target"), m.getUserProperty("reason")));
            return org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        deadLetters.start();
        long memberId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        // ES refuses a negative external version outright: no retry can ever apply this event.
        MemberChangeEvent refused = new MemberChangeEvent(memberId, memberId, -5, "PROFILE_CHANGED", Instant.now(),
                new MemberSnapshot(memberId, freshMobile(), "Refused", "WECHAT", "ACTIVE", -5, Instant.now(), List.of()), List.of());
        try {
            publish(stack, refused);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Store target : List.of(Store.ES_PRIMARY, Store.ES_BACKUP, Store.ES_MARKETING)) {
                    assertThat(reasons.get(memberId + "/" + target.name())).as(target.name()).isEqualTo("REFUSED_BY_TARGET");
                }
            });
            assertThat(meters.get("member.sync.dead.letters").tag("target", "es_primary").counter().count()).isPositive();
            // The queue was not blocked: later changes still flow.
            String member = register(freshMobile(), "oAfter" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
            awaitVersionEverywhere(member, 2);
        } finally {
            deadLetters.shutdown();
        }
    }

    /** Publishes an event as the write service's relay would: keyed by member, on the member's queue. */
    private static void publish(LocalStack stack, MemberChangeEvent event) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("it-events-" + UUID.randomUUID());
        producer.setNamesrvAddr(stack.endpoint("member.stores.rocketmq.name-server"));
        producer.setInstanceName(producer.getProducerGroup());
        producer.start();
        try {
            byte[] body = new ObjectMapper().findAndRegisterModules()
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(event);
            producer.send(new Message(MemberChangeEvent.TOPIC, event.changeType(), Long.toString(event.memberId()), body),
                    (queues, message, id) -> queues.get((int) Math.floorMod((Long) id, (long) queues.size())), event.memberId());
        } finally {
            producer.shutdown();
        }
    }

    private String lookupOwner(Store cluster, LookupKey lookupKey) throws Exception {
        String key = lookupKey.toString();
        GetResponse<MemberDocuments.Lookup> doc = clusters.client(cluster).get(g -> g.index(MemberDocuments.LOOKUP_ALIAS).id(key)
                .routing(key), MemberDocuments.Lookup.class);
        return doc.found() ? doc.source().memberId() : null;
    }

    private int searchShards(Store cluster, String index, String routing) throws Exception {
        Request request = new Request("GET", "/" + index + "/_search_shards");
        request.addParameter("routing", routing);
        JsonNode body = JSON.readTree(clusters.restClient(cluster).performRequest(request).getEntity().getContent());
        return body.get("shards").size();
    }
}
