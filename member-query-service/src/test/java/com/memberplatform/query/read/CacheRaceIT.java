package com.memberplatform.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.LookupKeys;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.query.QueryApplication;
import com.memberplatform.query.QueryStackTest;
import com.memberplatform.query.TestMembers;
import com.memberplatform.stores.redis.MemberCacheProtocol;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.stores.search.SearchCluster;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.web.StoreGuards;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The seeds' race, reproduced on the real stack: a reader misses the cache and reads the member from ES; meanwhile an
 * update reaches ES and the sync service invalidates the cache; then the reader writes what it read. A naive
 * cache-aside leaves the old document in the cache; the query service's reader (lock held across the read, fenced
 * fill) never does, whether it resumes while the invalidation waits for the lock or after the lease ran out.
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
        public MemberDocuments.View view(SearchCluster cluster, long memberId) throws IOException {
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
        public Map<Long, MemberDocuments.View> views(SearchCluster cluster, Collection<Long> memberIds) throws IOException {
            return real.views(cluster, memberIds);
        }

        @Override
        public Long owner(SearchCluster cluster, String lookupKey) throws IOException {
            return real.owner(cluster, lookupKey);
        }
    }

    /** The seeds' naive cache-aside: on a miss, read ES, then SET the cache. No lock. */
    private void naiveRead(SearchReads search, long memberId) throws IOException {
        String key = MemberCacheProtocol.cacheKey(LookupKeys.memberId(memberId));
        var bucket = centers.center(DataCenter.A).<String>getBucket(key, StringCodec.INSTANCE);
        if (bucket.get() == null) {
            MemberDocuments.View view = search.view(SearchCluster.PRIMARY, memberId);
            bucket.set(MemberCacheProtocol.cachedValue(view.version(), json.writeValueAsString(view)), Duration.ofMinutes(5));
        }
    }

    private MemberReader reader(SearchReads search) {
        return new MemberReader(centers, search, mysql, guards, routing, json, Duration.ofMinutes(5), new SimpleMeterRegistry());
    }

    private interface Read {
        void run(SearchReads search, long memberId) throws Exception;
    }

    /**
     * Runs one race: the reader reads version 1 and pauses; the member changes to version 2, which reaches ES (and the
     * invalidation runs); {@code resumeAfter} later the reader goes on. Returns what the cache holds afterwards.
     */
    private String race(Read read, Duration resumeAfter) throws Exception {
        TestMembers members = members();
        WriteApi.Answer registered = WRITER.asOrderCaller().post("/api/v1/members", WriteApi.registration(WriteApi.freshMobile()));
        String member = registered.memberId();
        members.awaitVersion(member, 1);
        Thread.sleep(1_000); // the registration's own invalidation is over
        assertThat(members.cached(DataCenter.A, LookupKeys.memberId(Long.parseLong(member)))).isNull();

        PausingSearch pausing = new PausingSearch(search);
        Thread reader = new Thread(() -> {
            try {
                read.run(pausing, Long.parseLong(member));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        assertThat(pausing.read.await(30, TimeUnit.SECONDS)).as("the reader read version 1").isTrue();

        assertThat(WRITER.asOrderCaller().patch("/api/v1/members/" + member, "{\"displayName\":\"Newer\"}").status()).isEqualTo(200);
        members.awaitVersion(member, 2);
        Thread.sleep(resumeAfter.toMillis());
        pausing.resume.countDown();
        reader.join(30_000);
        Thread.sleep(3_000); // an invalidation that waited for the reader's lock is over too
        return members.cached(DataCenter.A, LookupKeys.memberId(Long.parseLong(member)));
    }

    @Test
    void shouldShowThatANaiveCacheAsideKeepsTheOldDocument() throws Exception {
        String cached = race(this::naiveRead, Duration.ofSeconds(5));

        assertThat(cached).as("the race is real: the naive reader wrote version 1 back after the invalidation").startsWith("1|");
    }

    @Test
    void shouldNeverLeaveTheOldDocumentInTheCacheWhenTheReaderResumesAfterTheLease() throws Exception {
        String cached = race((search, id) -> reader(search).read(LookupKeys.memberId(id), CallerClass.ORDER), Duration.ofSeconds(3));

        assertThat(cached == null || !cached.startsWith("1|")).as("cached: " + cached).isTrue();
    }

    @Test
    void shouldNeverLeaveTheOldDocumentInTheCacheWhenTheReaderResumesWithinTheLease() throws Exception {
        String cached = race((search, id) -> reader(search).read(LookupKeys.memberId(id), CallerClass.ORDER), Duration.ZERO);

        assertThat(cached == null || !cached.startsWith("1|")).as("cached: " + cached).isTrue();
    }
}
