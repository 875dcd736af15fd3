package com.memberplatform.stores.redis;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cache consistency protocol of ARCHITECTURE.md section 3, in one place for the writer side (es-sync-consumer)
 * and the reader side (member-query-service): after a change is in ES, the updater takes the member's lock with an
 * explicit 2 s lease (no watchdog), deletes every cache key of the member in its center, and releases only if it
 * still holds the lock. A reader that missed may fill only if it takes the same lock without waiting.
 */
public final class MemberCacheProtocol {

    public static final long LEASE_MILLIS = 2_000;
    private static final String CACHE_PREFIX = "member:cache:";
    private static final String LOCK_PREFIX = "member:lock:";

    private MemberCacheProtocol() {
    }

    public static String cacheKey(String lookupKey) {
        return CACHE_PREFIX + lookupKey;
    }

    public static String lockName(long memberId) {
        return LOCK_PREFIX + memberId;
    }

    /**
     * Deletes the cache entries of {@code lookupKeys} (old values as well as new) under the member's lock.
     *
     * @return false when the lock could not be taken within {@code waitMillis}; nothing was deleted then
     */
    public static boolean invalidate(RedissonClient center, long memberId, Collection<String> lookupKeys, long waitMillis)
            throws InterruptedException {
        RLock lock = center.getLock(lockName(memberId));
        if (!lock.tryLock(waitMillis, LEASE_MILLIS, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            String[] keys = lookupKeys.stream().map(MemberCacheProtocol::cacheKey).toArray(String[]::new);
            center.getKeys().delete(keys);
            return true;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /**
     * Fills cache entries for a member the reader just read, only if the lock is free right now.
     *
     * @return whether the entries were written
     */
    public static boolean tryFill(RedissonClient center, long memberId, java.util.Map<String, String> entries, long ttlSeconds) {
        RLock lock = center.getLock(lockName(memberId));
        boolean locked;
        try {
            locked = lock.tryLock(0, LEASE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!locked) {
            return false;
        }
        try {
            var batch = center.createBatch();
            entries.forEach((lookupKey, value) -> batch.getBucket(cacheKey(lookupKey), StringCodec.INSTANCE)
                    .setAsync(value, java.time.Duration.ofSeconds(ttlSeconds)));
            batch.execute();
            return true;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }
}
