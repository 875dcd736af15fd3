package com.memberplatform.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.query.QueryStackTest;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The read model under writes and outages: readers of every caller class look 20 members up by id and by every mobile
 * and account ever used, while a writer moves mobiles and accounts between them (about 15 writes/s); meanwhile each
 * ES cluster in turn, then center A's Redis, is stopped by PID for {@value #OUTAGE_SECONDS} s (longer than any wait
 * the protocol ever had) and started again. Once every target has caught up, every cache entry of those keys in both
 * centers must be the current owner at its MySQL version, and every lookup of every value ever used must answer its
 * current owner or nothing, for every caller class. By default one run stops one ES cluster (by the day of the year,
 * so successive days' runs cover all three) and then Redis A, about 4 minutes here (mostly the cluster's start-up);
 * {@code -Dmember.drill.outages=all} stops all four in turn (about 8 minutes), {@code -Dmember.drill.outages=es-backup,redis-a}
 * the servers named.
 */
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReadModelDrillIT extends QueryStackTest {

    private static final int OUTAGE_SECONDS = 8;
    private static final int MEMBERS = 20;

    @Autowired
    MemberReader reader;
    @Autowired
    MysqlReads mysql;

    private final Random random = new Random();
    private final List<String> members = new ArrayList<>();
    private final List<String> mobiles = new ArrayList<>();
    private final List<String> appIds = new ArrayList<>();
    /** Account values new in every run (a stack keeps the members of earlier runs). */
    private final String openidPrefix = WriteApi.freshWeChatId("oDrill");
    /** What the writer knows: mobile and app id (one account per app) to the member holding it, and binding ids. */
    private final Map<String, String> mobileOwner = new ConcurrentHashMap<>();
    private final Map<String, String> accountOwner = new ConcurrentHashMap<>();
    private final Map<String, String> bindingOf = new ConcurrentHashMap<>();
    private final Set<LookupKey> everyKey = ConcurrentHashMap.newKeySet();
    private final AtomicLong writes = new AtomicLong();

    @Test
    void shouldLeaveNoStaleEntryAndNoWrongOwnerAfterAnyClusterOrCacheOutage(LocalStack stack) throws Exception {
        WriteApi writer = WRITER.asOrderCaller();
        for (int i = 0; i < MEMBERS; i++) {
            String mobile = WriteApi.freshMobile();
            WriteApi.Answer registered = writer.post("/api/v1/members", WriteApi.registration(mobile));
            assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
            members.add(registered.memberId());
            mobiles.add(mobile);
            mobileOwner.put(mobile, registered.memberId());
            everyKey.add(LookupKey.memberId(Long.parseLong(registered.memberId())));
            everyKey.add(LookupKey.mobile(mobile));
        }
        for (int i = 0; i < 10; i++) {
            mobiles.add(WriteApi.freshMobile());
            appIds.add("wxdrill" + i);
            everyKey.add(LookupKey.mobile(mobiles.get(mobiles.size() - 1)));
            everyKey.add(account(appIds.get(i)));
        }

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            while (running.get()) {
                write(writer);
                sleep(60);
            }
        }, "drill-writer"));
        for (CallerClass callerClass : CallerClass.values()) {
            threads.add(new Thread(() -> {
                List<LookupKey> keys = new ArrayList<>();
                while (running.get()) {
                    keys.clear();
                    keys.addAll(everyKey);
                    try {
                        reader.read(keys.get(random.nextInt(keys.size())), callerClass);
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        // a read during an outage may find no store; what counts is what is cached afterwards
                    }
                    sleep(5);
                }
            }, "drill-reader-" + callerClass));
        }
        threads.forEach(Thread::start);
        try {
            for (String server : outages()) {
                sleep(3_000);
                stack.stop(server);
                sleep(OUTAGE_SECONDS * 1_000L);
                stack.start(server);
            }
            sleep(3_000);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
        assertThat(reads.get()).as("the readers read throughout").isGreaterThan(100);
        assertThat(writes.get()).as("the writer moved mobiles and accounts throughout").isGreaterThan(100);

        Map<String, MemberDocuments.View> truth = awaitEveryTargetCaughtUp();
        for (CallerClass callerClass : CallerClass.values()) {
            for (LookupKey key : everyKey) {
                Optional<MemberReader.Found> found = reader.read(key, callerClass);
                String owner = ownerNow(truth, key);
                assertThat(found.map(f -> f.view().memberId()).orElse(null)).as(callerClass + " looking up " + key).isEqualTo(owner);
                found.ifPresent(f -> assertThat(f.view().version()).as(callerClass + " " + key).isEqualTo(truth.get(owner).version()));
            }
        }
        int cached = 0;
        for (DataCenter center : DataCenter.values()) {
            for (LookupKey key : everyKey) {
                MemberCacheProtocol.Answer answer = MemberCacheProtocol.read(centers.center(center), key);
                if (answer != null) {
                    cached++;
                    String owner = ownerNow(truth, key);
                    assertThat(Long.toString(answer.memberId())).as(center + " " + key + " names its current owner").isEqualTo(owner);
                    assertThat(answer.version()).as(center + " " + key + " is MySQL's version").isEqualTo(truth.get(owner).version());
                }
            }
        }
        System.out.printf("read-model drill: %d reads, %d writes, %d keys looked up by 4 caller classes, %d cache entries checked%n",
                reads.get(), writes.get(), everyKey.size(), cached);
        assertThat(cached).as("the final lookups filled center A's cache").isGreaterThan(everyKey.size() / 2);
    }

    private static List<String> outages() {
        List<String> clusters = List.of("es-primary", "es-backup", "es-marketing");
        String asked = System.getProperty("member.drill.outages", "");
        List<String> outages = asked.equals("all") ? List.of(clusters.get(0), clusters.get(1), clusters.get(2), "redis-a")
                : !asked.isBlank() ? List.of(asked.split(","))
                : List.of(clusters.get(LocalDate.now(ZoneOffset.UTC).getDayOfYear() % clusters.size()), "redis-a");
        System.out.println("read-model drill: stopping " + outages + " in turn (-Dmember.drill.outages=all for every server)");
        return outages;
    }

    private LookupKey account(String appId) {
        return LookupKey.account("WECHAT|WECHAT_OPENID|" + appId + "|" + openidPrefix + appId);
    }

    /** One write: a member takes a mobile, or an account (unbound first from whoever holds it). */
    private void write(WriteApi writer) {
        String member = members.get(random.nextInt(members.size()));
        if (random.nextBoolean()) {
            String mobile = mobiles.get(random.nextInt(mobiles.size()));
            if (!mobileOwner.containsKey(mobile)) {
                WriteApi.Answer moved = writer.put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + mobile + "\"}");
                if (moved.status() == 200) {
                    writes.incrementAndGet();
                    mobileOwner.values().remove(member);
                    mobileOwner.put(mobile, member);
                }
            }
            return;
        }
        String appId = appIds.get(random.nextInt(appIds.size()));
        String holder = accountOwner.get(appId);
        if (holder != null) {
            WriteApi.Answer unbound = writer.delete("/api/v1/members/" + holder + "/bindings/" + bindingOf.get(appId));
            if (unbound.status() != 200) {
                return;
            }
            accountOwner.remove(appId);
            writes.incrementAndGet();
        }
        WriteApi.Answer bound = writer.post("/api/v1/members/" + member + "/bindings", WriteApi.openid(appId, openidPrefix + appId, null));
        if (bound.status() == 201) {
            bound.body().path("bindings").forEach(binding -> {
                if (binding.path("appId").asText().equals(appId)) {
                    bindingOf.put(appId, binding.path("bindingId").asText());
                }
            });
            accountOwner.put(appId, member);
            writes.incrementAndGet();
        }
    }

    /**
     * Waits until all three clusters hold every member at its MySQL version and both centers' cache targets have
     * applied each member's last change (its floor on its id key); returns the members as MySQL has them.
     */
    private Map<String, MemberDocuments.View> awaitEveryTargetCaughtUp() {
        Map<String, MemberDocuments.View> truth = new HashMap<>();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            for (String member : members) {
                MemberDocuments.View row = mysql.view(Long.parseLong(member));
                truth.put(member, row);
                for (Store cluster : Store.searchClusters()) {
                    assertThat(members().version(cluster, member)).as(cluster + " " + member).isEqualTo(row.version());
                }
                for (DataCenter center : DataCenter.values()) {
                    String floor = centers.center(center).<String, String>getMap(
                            MemberCacheProtocol.cacheKey(LookupKey.memberId(Long.parseLong(member))), StringCodec.INSTANCE).get("f:" + member);
                    assertThat(floor).as(center + " applied " + member).isEqualTo(Long.toString(row.version()));
                }
            }
        });
        return truth;
    }

    /** The member holding a key now (MySQL), or null. */
    private static String ownerNow(Map<String, MemberDocuments.View> truth, LookupKey key) {
        return truth.values().stream().filter(view -> view.lookupKeys().contains(key)).map(MemberDocuments.View::memberId)
                .findFirst().orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
