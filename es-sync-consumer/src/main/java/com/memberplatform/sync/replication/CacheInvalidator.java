package com.memberplatform.sync.replication;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.readmodel.MemberCacheProtocol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;

/**
 * Invalidates one center's cache entries of each changed member under the protocol of decision 0020: every key of the
 * member (id, mobile, accounts, unionids, and the keys the change took away) gets the member's newest version of the
 * batch as its floor, and loses any answer older than that. It reads no search cluster and waits for none: a reader
 * that fills from a cluster still behind is refused key by key, so this target keeps up with the write stream
 * whichever cluster is slow or down.
 */
public final class CacheInvalidator implements TargetWriter {

    private final RedissonClient center;
    private final Duration tombstoneTtl;

    public CacheInvalidator(RedissonClient center, Duration tombstoneTtl) {
        this.center = center;
        this.tombstoneTtl = tombstoneTtl;
    }

    @Override
    public void apply(List<MemberChangeEvent> events) throws TargetUnavailableException {
        Map<Long, Long> newest = new LinkedHashMap<>();
        Map<Long, Set<LookupKey>> keys = new LinkedHashMap<>();
        for (MemberChangeEvent event : events) {
            newest.merge(event.memberId(), event.version(), Math::max);
            Set<LookupKey> memberKeys = keys.computeIfAbsent(event.memberId(), m -> new LinkedHashSet<>());
            memberKeys.add(LookupKey.memberId(event.memberId()));
            memberKeys.addAll(event.currentKeys());
            memberKeys.addAll(event.staleKeys());
        }
        try {
            MemberCacheProtocol.invalidate(center, keys.entrySet().stream()
                    .map(member -> new MemberCacheProtocol.Change(member.getKey(), newest.get(member.getKey()), member.getValue())).toList(),
                    tombstoneTtl);
        } catch (RedisException e) {
            throw new TargetUnavailableException("cache unreachable: " + e.getClass().getSimpleName(), e);
        }
    }
}
