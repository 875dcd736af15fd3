package com.memberplatform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.SearchClusters;
import com.memberplatform.testsupport.WriteApi;
import java.time.Duration;

/** Members for the query tests, registered through the real write service and replicated by the real sync service. */
public final class TestMembers {

    /** A registered member: its id, mobile, WeChat openid and unionid. */
    public record Registered(String id, String mobile, String openid, String unionid) {

        public LookupKey idKey() {
            return LookupKey.memberId(Long.parseLong(id));
        }

        public LookupKey mobileKey() {
            return LookupKey.mobile(mobile);
        }

        public String byMobile() {
            return "{\"mobile\":\"" + mobile + "\"}";
        }
    }

    private final WriteApi writer;
    private final SearchClusters clusters;
    private final RedisCenters centers;

    public TestMembers(WriteApi writer, SearchClusters clusters, RedisCenters centers) {
        this.writer = writer;
        this.clusters = clusters;
        this.centers = centers;
    }

    /** Registers a member with a WeChat account (version 2) and waits until ES primary has it. */
    public Registered register() {
        String mobile = WriteApi.freshMobile();
        String openid = WriteApi.freshWeChatId("oQ");
        String unionid = WriteApi.freshWeChatId("uQ");
        WriteApi.Answer answer = writer.post("/api/v1/members", "{\"mobile\":\"" + mobile + "\",\"platform\":\"WECHAT\","
                + "\"displayName\":\"Query\",\"firstAccount\":" + WriteApi.openid("wxminiapp0001", openid, unionid) + "}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        awaitVersion(answer.memberId(), 2);
        return new Registered(answer.memberId(), mobile, openid, unionid);
    }

    public void awaitVersion(String member, long version) {
        // The indices may still be being created (a fresh stack): not found or no shard yet means "not yet".
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> version(Store.ES_PRIMARY, member) >= version);
    }

    public long version(Store cluster, String member) throws java.io.IOException {
        var doc = clusters.client(cluster).get(g -> g.index(MemberDocuments.VIEW_ALIAS).id(member).routing(member), MemberDocuments.View.class);
        return doc.found() ? doc.source().version() : 0;
    }

    /** The cached answer of a lookup key in a center, or null. */
    public MemberCacheProtocol.Answer cached(DataCenter center, LookupKey lookupKey) {
        return MemberCacheProtocol.read(centers.center(center), lookupKey);
    }

    /** Deletes a member's cache entries in a center, so the next read goes past the cache. */
    public void evict(DataCenter center, Registered member) {
        centers.center(center).getKeys().delete(MemberCacheProtocol.cacheKey(member.idKey()), MemberCacheProtocol.cacheKey(member.mobileKey()));
    }
}
