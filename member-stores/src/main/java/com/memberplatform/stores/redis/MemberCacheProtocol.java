package com.memberplatform.stores.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RScript;
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
     * The reader's side: take the member's lock without waiting <em>before</em> reading the member from ES, and fill
     * the cache only while still holding it. An update that reached ES then either waits for this hold and deletes
     * what it filled, or came first, and the read saw it. Returns null when the lock is busy (an update is
     * invalidating): read, answer, do not fill.
     */
    public static ReaderHold tryHold(RedissonClient center, long memberId) throws InterruptedException {
        RLock lock = center.getLock(lockName(memberId));
        if (!lock.tryLock(0, LEASE_MILLIS, TimeUnit.MILLISECONDS)) {
            return null;
        }
        return new ReaderHold(center, lock, center.getId() + ":" + Thread.currentThread().getId());
    }

    /** A cached value: the member version, then the JSON it was filled with. */
    public static String cachedValue(long version, String json) {
        return version + "|" + json;
    }

    /** The JSON of a cached value. */
    public static String json(String cachedValue) {
        return cachedValue.substring(cachedValue.indexOf('|') + 1);
    }

    /** A reader's hold on a member's lock (Redisson's lock hash: one field per holder, named id:thread). */
    public static final class ReaderHold implements AutoCloseable {

        // KEYS[1] the lock, KEYS[2..n] cache keys; ARGV[1] this holder's field, ARGV[2] TTL ms, ARGV[3] version,
        // ARGV[4..] the values. Fenced: nothing is written once the lease ran out (another holder may have deleted).
        private static final String FILL = """
                if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then return 0 end
                local version = tonumber(ARGV[3])
                for i = 2, #KEYS do
                  local old = redis.call('get', KEYS[i])
                  local oldVersion = old and tonumber(string.match(old, '^(%d+)|'))
                  if not oldVersion or oldVersion <= version then
                    redis.call('set', KEYS[i], ARGV[i + 2], 'PX', ARGV[2])
                  end
                end
                return 1
                """;

        private final RedissonClient center;
        private final RLock lock;
        private final String field;

        private ReaderHold(RedissonClient center, RLock lock, String field) {
            this.center = center;
            this.lock = lock;
            this.field = field;
        }

        /**
         * Writes {@code values} (lookup key to JSON) at {@code version}, if this hold still holds the lock; a cached
         * value of a newer version is kept. Returns whether the lock was still held.
         */
        public boolean fill(Map<String, String> values, long version, Duration ttl) {
            List<Object> keys = new ArrayList<>();
            List<Object> args = new ArrayList<>(List.of(field, Long.toString(ttl.toMillis()), Long.toString(version)));
            keys.add(lock.getName());
            values.forEach((lookupKey, json) -> {
                keys.add(cacheKey(lookupKey));
                args.add(cachedValue(version, json));
            });
            Long written = center.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, FILL, RScript.ReturnType.INTEGER,
                    keys, args.toArray());
            return written != null && written == 1L;
        }

        @Override
        public void close() {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }
}
