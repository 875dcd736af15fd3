package com.memberplatform.query.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.Store;
import com.memberplatform.readmodel.MemberCacheProtocol;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reader's side of the cache protocol (decision 0020), through the cache's breaker: lookups of cached answers
 * (hits and misses are metrics, {@code member.query.cache}) and fills of what a search cluster answered. Each fill
 * is refused key by key where an invalidation or a newer answer got there first, so a reader may fill from whatever
 * cluster answered it, however far behind.
 */
final class CachedMembers {

    private final RedisCenters centers;
    private final StoreGuards guards;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final Counter unavailable;

    CachedMembers(RedisCenters centers, StoreGuards guards, ObjectMapper json, Duration ttl, MeterRegistry meters) {
        this.centers = centers;
        this.guards = guards;
        this.json = json;
        this.ttl = ttl;
        this.hits = Counter.builder("member.query.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("member.query.cache").tag("result", "miss").register(meters);
        this.unavailable = Counter.builder("member.query.cache").tag("result", "unavailable").register(meters);
        Gauge.builder("member.query.cache.hit.ratio", this, CachedMembers::hitRatio)
                .description("cache hits / (hits + misses) since start").register(meters);
    }

    double hitRatio() {
        double all = hits.count() + misses.count();
        return all == 0 ? 0 : hits.count() / all;
    }

    /** The cached member of a lookup key: an answer (null on a miss), or no answer when the cache is away. */
    StoreGuards.Attempt<MemberDocuments.View> lookup(DataCenter center, LookupKey lookupKey) {
        StoreGuards.Attempt<MemberCacheProtocol.Answer> cached = guards.call(Store.cache(center),
                () -> MemberCacheProtocol.read(centers.center(center), lookupKey));
        count(cached.answered(), cached.value() != null);
        return cached.answered() ? StoreGuards.Attempt.of(cached.value() == null ? null : parse(cached.value().json())) : StoreGuards.Attempt.none();
    }

    /** The cached members of several ids (misses left out), or no answer when the cache is away. */
    StoreGuards.Attempt<Map<Long, MemberDocuments.View>> lookupAll(DataCenter center, List<Long> memberIds) {
        List<LookupKey> keys = memberIds.stream().map(LookupKey::memberId).toList();
        StoreGuards.Attempt<Map<LookupKey, MemberCacheProtocol.Answer>> cached = guards.call(Store.cache(center),
                () -> MemberCacheProtocol.readAll(centers.center(center), keys));
        if (!cached.answered()) {
            memberIds.forEach(id -> unavailable.increment());
            return StoreGuards.Attempt.none();
        }
        Map<Long, MemberDocuments.View> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            MemberCacheProtocol.Answer answer = cached.value().get(keys.get(i));
            count(true, answer != null);
            if (answer != null) {
                found.put(memberIds.get(i), parse(answer.json()));
            }
        }
        return StoreGuards.Attempt.of(found);
    }

    /** Caches a member as a search cluster answered it, under every key its view holds (TTL plus up to 10 %). */
    void fill(DataCenter center, MemberDocuments.View view) {
        Duration jittered = ttl.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ttl.toMillis() / 10)));
        String document = write(view);
        guards.call(Store.cache(center), () -> MemberCacheProtocol.fill(centers.center(center), Long.parseLong(view.memberId()),
                view.version(), view.lookupKeys(), document, jittered));
    }

    private void count(boolean answered, boolean hit) {
        (!answered ? unavailable : hit ? hits : misses).increment();
    }

    private MemberDocuments.View parse(String document) {
        try {
            return json.readValue(document, MemberDocuments.View.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cached member is not readable", e);
        }
    }

    private String write(MemberDocuments.View view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
