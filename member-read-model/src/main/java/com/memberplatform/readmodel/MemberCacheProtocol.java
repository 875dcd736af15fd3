package com.memberplatform.readmodel;

import com.memberplatform.api.contract.LookupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cache consistency protocol (decision 0020), in one place for the writer side (es-sync-consumer) and the
 * reader side (member-query-service). Every lookup key has one Redis hash, {@code member:cache:<lookup key>}:
 * <ul>
 *   <li>field {@code a}, the cached answer: {@code <owner id>|<owner version>|<view JSON>};</li>
 *   <li>a field {@code f:<member id>} per member whose change touched the key, with the newest version of that member
 *       the key has seen (from an invalidation or a fill). It only goes forward.</li>
 * </ul>
 * An invalidation of member M at version v raises M's floor to v and removes the answer unless it is M's own at v or
 * newer (the tombstone: the floor outlives the answer). A fill of M at version u writes the answer only if u is not
 * below M's floor and the key holds no answer of another member or of M at u or newer. Both are one script on one
 * key, so an update and a fill of the same key never interleave, on one server or on Redis Cluster (where one
 * member's keys live in different slots), and the answer a fill writes is never older than an invalidation it
 * follows, whatever cluster the reader read from or how far behind it was. No lock and no wait on any other store.
 * <p>The floors live as long as the hash: at least the tombstone TTL after the last invalidation, and as long as the
 * answer after a fill. A cluster that answers reads while it is further behind than the tombstone TTL could fill an
 * answer older than a floor that has expired; that bound is in decision 0020.
 */
public final class MemberCacheProtocol {

    private static final String CACHE_PREFIX = "member:cache:";
    private static final String ANSWER = "a";

    // KEYS[1] the entry; ARGV[1] member id, ARGV[2] its version, ARGV[3] TTL ms. Member ids are compared as text (they
    // pass 2^53, past Lua's exact numbers), versions as numbers.
    private static final String INVALIDATE = """
            local floor = 'f:' .. ARGV[1]
            local version = tonumber(ARGV[2])
            if version > tonumber(redis.call('hget', KEYS[1], floor) or '-1') then
              redis.call('hset', KEYS[1], floor, ARGV[2])
            end
            local answer = redis.call('hget', KEYS[1], 'a')
            if answer then
              local owner, held = string.match(answer, '^(%d+)|(%d+)|')
              if owner ~= ARGV[1] or tonumber(held) < version then redis.call('hdel', KEYS[1], 'a') end
            end
            if redis.call('pttl', KEYS[1]) < tonumber(ARGV[3]) then redis.call('pexpire', KEYS[1], ARGV[3]) end
            return 1
            """;

    // KEYS[1] the entry; ARGV[1] member id, ARGV[2] its version, ARGV[3] the answer, ARGV[4] TTL ms. 1 when written.
    private static final String FILL = """
            local floor = 'f:' .. ARGV[1]
            local version = tonumber(ARGV[2])
            if version < tonumber(redis.call('hget', KEYS[1], floor) or '-1') then return 0 end
            local answer = redis.call('hget', KEYS[1], 'a')
            if answer then
              local owner, held = string.match(answer, '^(%d+)|(%d+)|')
              if owner ~= ARGV[1] or tonumber(held) >= version then return 0 end
            end
            redis.call('hset', KEYS[1], 'a', ARGV[3], floor, ARGV[2])
            if redis.call('pttl', KEYS[1]) < tonumber(ARGV[4]) then redis.call('pexpire', KEYS[1], ARGV[4]) end
            return 1
            """;

    private MemberCacheProtocol() {
    }

    /** The Redis key of a lookup key's entry. */
    public static String cacheKey(LookupKey lookupKey) {
        return CACHE_PREFIX + lookupKey;
    }

    /** A cached answer: the member it names, that member's version, and the view JSON. */
    public record Answer(long memberId, long version, String json) {

        static Answer parse(String stored) {
            int first = stored.indexOf('|');
            int second = stored.indexOf('|', first + 1);
            return new Answer(Long.parseLong(stored.substring(0, first)), Long.parseLong(stored.substring(first + 1, second)),
                    stored.substring(second + 1));
        }

        String stored() {
            return memberId + "|" + version + "|" + json;
        }
    }

    /** The cached answer of a lookup key; null on a miss. */
    public static Answer read(RedissonClient center, LookupKey lookupKey) {
        String stored = center.<String, String>getMap(cacheKey(lookupKey), StringCodec.INSTANCE).get(ANSWER);
        return stored == null ? null : Answer.parse(stored);
    }

    /** The cached answers of several lookup keys in one round trip per server; misses are left out. */
    public static Map<LookupKey, Answer> readAll(RedissonClient center, List<LookupKey> lookupKeys) {
        RBatch batch = center.createBatch(BatchOptions.defaults());
        List<RFuture<String>> reads = new ArrayList<>();
        lookupKeys.forEach(key -> reads.add(batch.<String, String>getMap(cacheKey(key), StringCodec.INSTANCE).getAsync(ANSWER)));
        batch.execute();
        Map<LookupKey, Answer> found = new LinkedHashMap<>();
        for (int i = 0; i < lookupKeys.size(); i++) {
            String stored = reads.get(i).toCompletableFuture().join();
            if (stored != null) {
                found.put(lookupKeys.get(i), Answer.parse(stored));
            }
        }
        return found;
    }

    /** A member's change as the cache sees it: its newest version and every key it has or the change took away. */
    public record Change(long memberId, long version, Collection<LookupKey> lookupKeys) {
    }

    /**
     * The writer's side: for each change, raises the member's floor on each of its keys to the change's version and
     * removes each answer that is not the member's own at that version or newer. One script per key, all in one batch.
     */
    public static void invalidate(RedissonClient center, Collection<Change> changes, Duration tombstoneTtl) {
        RBatch batch = center.createBatch(BatchOptions.defaults());
        String ttl = Long.toString(tombstoneTtl.toMillis());
        for (Change change : changes) {
            for (LookupKey key : change.lookupKeys()) {
                batch.getScript(StringCodec.INSTANCE).evalAsync(cacheKey(key), RScript.Mode.READ_WRITE, INVALIDATE,
                        RScript.ReturnType.INTEGER, List.of(cacheKey(key)), Long.toString(change.memberId()),
                        Long.toString(change.version()), ttl);
            }
        }
        batch.execute();
    }

    /**
     * The reader's side: caches {@code json}, the view of {@code memberId} at {@code version}, under each of
     * {@code lookupKeys} (the keys that view holds) where the protocol allows it. Returns how many keys were written.
     */
    public static int fill(RedissonClient center, long memberId, long version, Collection<LookupKey> lookupKeys, String json, Duration ttl) {
        RBatch batch = center.createBatch(BatchOptions.defaults());
        String member = Long.toString(memberId);
        String answer = new Answer(memberId, version, json).stored();
        List<RFuture<Long>> writes = new ArrayList<>();
        for (LookupKey key : lookupKeys) {
            writes.add(batch.getScript(StringCodec.INSTANCE).evalAsync(cacheKey(key), RScript.Mode.READ_WRITE, FILL,
                    RScript.ReturnType.INTEGER, List.of(cacheKey(key)), member, Long.toString(version), answer,
                    Long.toString(ttl.toMillis())));
        }
        batch.execute();
        int written = 0;
        for (RFuture<Long> write : writes) {
            written += write.toCompletableFuture().join() == 1L ? 1 : 0;
        }
        return written;
    }
}
