package com.memberplatform.sync.replication;

import co.elastic.clients.elasticsearch.core.GetResponse;
import com.memberplatform.api.contract.LookupKeys;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.stores.redis.MemberCacheProtocol;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.stores.search.SearchCluster;
import com.memberplatform.stores.search.SearchClusters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidates one center's cache entries of each changed member under the protocol of ARCHITECTURE.md section 3:
 * first wait (boundedly) until the change is readable in ES, so the next reader cannot read the old document; then
 * delete every key of the member (id, mobile, accounts, unionid, and the keys the change took away) under the
 * member's 2 s lock. If ES stays behind past the wait (it may be down), the entries are deleted anyway: reads then
 * fall back to MySQL rather than serve a cached old value.
 */
public final class CacheInvalidator implements TargetWriter {

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidator.class);

    private final RedissonClient center;
    private final SearchClusters clusters;
    private final SearchCluster readCluster;
    private final Duration esWait;

    public CacheInvalidator(RedissonClient center, SearchClusters clusters, SearchCluster readCluster, Duration esWait) {
        this.center = center;
        this.clusters = clusters;
        this.readCluster = readCluster;
        this.esWait = esWait;
    }

    @Override
    public void apply(List<MemberChangeEvent> events) throws TargetUnavailableException {
        Map<Long, Long> newest = new LinkedHashMap<>();
        Map<Long, Set<String>> keys = new LinkedHashMap<>();
        for (MemberChangeEvent event : events) {
            newest.merge(event.memberId(), event.version(), Math::max);
            Set<String> memberKeys = keys.computeIfAbsent(event.memberId(), m -> new LinkedHashSet<>());
            memberKeys.add(LookupKeys.memberId(event.memberId()));
            memberKeys.addAll(event.currentKeys());
            memberKeys.addAll(event.staleKeys());
        }
        for (Map.Entry<Long, Set<String>> member : keys.entrySet()) {
            awaitInSearch(member.getKey(), newest.get(member.getKey()));
            try {
                if (!MemberCacheProtocol.invalidate(center, member.getKey(), member.getValue(), MemberCacheProtocol.LEASE_MILLIS + 500)) {
                    throw new TargetUnavailableException("member " + member.getKey() + " stayed locked", null);
                }
            } catch (RedisException e) {
                throw new TargetUnavailableException("cache unreachable: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetUnavailableException("interrupted", e);
            }
        }
    }

    private void awaitInSearch(long memberId, long version) {
        long deadline = System.nanoTime() + esWait.toNanos();
        String id = Long.toString(memberId);
        while (System.nanoTime() < deadline) {
            try {
                GetResponse<Void> doc = clusters.client(readCluster).get(g -> g.index(MemberDocuments.VIEW_ALIAS).id(id)
                        .routing(id).sourceIncludes("version"), Void.class);
                if (doc.found() && doc.version() != null && doc.version() >= version) {
                    return;
                }
            } catch (Exception e) {
                log.debug("{} not readable while waiting for member {} v{}", readCluster, memberId, version);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("member {} v{} not visible in {} after {}; invalidating the cache anyway", memberId, version, readCluster, esWait);
    }
}
