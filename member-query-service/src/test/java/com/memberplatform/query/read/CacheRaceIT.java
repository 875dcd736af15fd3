package com.memberplatform.query.read;

import com.memberplatform.readmodel.ReadRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.query.QueryStackTest;
import com.memberplatform.query.TestMembers;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The seeds' race, reproduced on the real stack for every caller class: a reader misses the cache and reads the
 * member from the first search cluster of its route (primary for ORDER and OPS, marketing for MARKETING and BATCH);
 * meanwhile the member changes, the change is in every cluster and both cache targets have invalidated; then the
 * reader writes what it read. A naive cache-aside leaves the old document in the cache; the query service's reader
 * (per-key versioned fill, decision 0020) never does, however long it was held up.
 */
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CacheRaceIT extends QueryStackTest {

    @Autowired
    SearchReads search;
    @Autowired
    MysqlReads mysql;
    @Autowired
    StoreGuards guards;
    @Autowired
    LiveDocument<StoreRouting> routing;
    @Autowired
    ObjectMapper json;

    /** Reads like the real thing, but the first view read pauses after reading until the test lets it go on. */
    static final class PausingSearch implements SearchReads {

        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final SearchReads real;

        PausingSearch(SearchReads real) {
            this.real = real;
        }

        @Override
        public MemberDocuments.View view(Store cluster, long memberId) throws IOException {
            MemberDocuments.View view = real.view(cluster, memberId);
            if (read.getCount() > 0) {
                read.countDown();
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return view;
        }

        @Override
        public Map<Long, MemberDocuments.View> views(Store cluster, Collection<Long> memberIds) throws IOException {
            return real.views(cluster, memberIds);
        }

        @Override
        public Long owner(Store cluster, LookupKey lookupKey) throws IOException {
            return real.owner(cluster, lookupKey);
        }
    }

    /** The seeds' naive cache-aside: on a miss, read the caller's cluster, then write the answer. No guard. */
    private void naiveRead(SearchReads search, long memberId, CallerClass callerClass) throws IOException {
        RedissonClient center = centers.center(DataCenter.A);
        String key = MemberCacheProtocol.cacheKey(LookupKey.memberId(memberId));
        if (MemberCacheProtocol.read(center, LookupKey.memberId(memberId)) == null) {
            MemberDocuments.View view = search.view(ReadRoute.of(routing.current(), callerClass).clusters().get(0), memberId);
            center.<String, String>getMap(key, StringCodec.INSTANCE).put("a", memberId + "|" + view.version() + "|" + json.writeValueAsString(view));
        }
    }

    private MemberReader reader(SearchReads search) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new MemberReader(new CachedMembers(centers, guards, json, Duration.ofMinutes(5), meters), search, mysql, guards, routing, meters);
    }

    private interface Read {
        void run(SearchReads search, long memberId, CallerClass callerClass) throws Exception;
    }

    /**
     * Runs one race: the reader reads version 1 and pauses; the member changes to version 2, which reaches every
     * cluster and whose invalidation both centers have applied; then the reader goes on. Returns the cached answer.
     */
    private MemberCacheProtocol.Answer race(Read read, CallerClass callerClass) throws Exception {
        TestMembers members = members();
        WriteApi.Answer registered = WRITER.asOrderCaller().post("/api/v1/members", WriteApi.registration(WriteApi.freshMobile()));
        String member = registered.memberId();
        long memberId = Long.parseLong(member);
        for (Store cluster : Store.searchClusters()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> members.version(cluster, member) >= 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> floor(DataCenter.A, memberId) >= 1);
        assertThat(members.cached(DataCenter.A, LookupKey.memberId(memberId))).isNull();

        PausingSearch pausing = new PausingSearch(search);
        Thread reader = new Thread(() -> {
            try {
                read.run(pausing, memberId, callerClass);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        assertThat(pausing.read.await(30, TimeUnit.SECONDS)).as("the reader read version 1").isTrue();

        assertThat(WRITER.asOrderCaller().patch("/api/v1/members/" + member, "{\"displayName\":\"Newer\"}").status()).isEqualTo(200);
        for (Store cluster : Store.searchClusters()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> members.version(cluster, member) >= 2);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> floor(DataCenter.A, memberId) >= 2 && floor(DataCenter.B, memberId) >= 2);
        pausing.resume.countDown();
        reader.join(30_000);
        return members.cached(DataCenter.A, LookupKey.memberId(memberId));
    }

    /** The floor the cache targets left for the member on its id key: the newest version invalidated there. */
    private long floor(DataCenter center, long memberId) {
        String floor = centers.center(center).<String, String>getMap(MemberCacheProtocol.cacheKey(LookupKey.memberId(memberId)),
                StringCodec.INSTANCE).get("f:" + memberId);
        return floor == null ? 0 : Long.parseLong(floor);
    }

    @ParameterizedTest
    @EnumSource(value = CallerClass.class, names = {"ORDER", "MARKETING"})
    void shouldShowThatANaiveCacheAsideKeepsTheOldDocument(CallerClass callerClass) throws Exception {
        MemberCacheProtocol.Answer cached = race(this::naiveRead, callerClass);

        assertThat(cached).isNotNull();
        assertThat(cached.version()).as("the race is real: the naive reader wrote version 1 back after the invalidation").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CallerClass.class)
    void shouldNeverLeaveTheOldDocumentInTheCache(CallerClass callerClass) throws Exception {
        MemberCacheProtocol.Answer cached = race((search, id, caller) -> reader(search).read(LookupKey.memberId(id), caller), callerClass);

        assertThat(cached == null || cached.version() >= 2).as("cached: " + cached).isTrue();
    }
}
