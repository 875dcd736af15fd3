package com.memberplatform.query.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.LookupKeys;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.rules.Store;
import com.memberplatform.stores.redis.MemberCacheProtocol;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.stores.search.SearchCluster;
import com.memberplatform.web.StoreGuards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.api.RBuckets;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path: the local center's Redis, then Elasticsearch (the caller class's cluster, then its fallback), then
 * MySQL when no cluster answers. A cache miss fills the cache only under the protocol of ARCHITECTURE.md section 3:
 * the member's lock is taken without waiting <em>before</em> the member is read from ES, and the fill is fenced by
 * that lock and carries the member version; a busy lock means an update is invalidating, so the answer is not cached.
 * Values read from MySQL are never cached (a replica may lag behind what ES and the invalidation already saw).
 * <p>Which center is local and which clusters serve which callers is live configuration ({@link StoreRouting}).
 */
public final class MemberReader {

    private static final Logger log = LoggerFactory.getLogger(MemberReader.class);

    /** A member as read, and the store that answered. */
    public record Found(MemberDocuments.View view, Store source) {
    }

    /** No store could answer (as opposed to: the member does not exist). */
    public static final class StoresUnavailableException extends RuntimeException {

        StoresUnavailableException(String message) {
            super(message);
        }
    }

    private final RedisCenters centers;
    private final SearchReads search;
    private final MysqlReads mysql;
    private final StoreGuards guards;
    private final LiveDocument<StoreRouting> routing;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final Counter cacheUnavailable;
    private final MeterRegistry meters;

    public MemberReader(RedisCenters centers, SearchReads search, MysqlReads mysql, StoreGuards guards,
                        LiveDocument<StoreRouting> routing, ObjectMapper json, Duration ttl, MeterRegistry meters) {
        this.centers = centers;
        this.search = search;
        this.mysql = mysql;
        this.guards = guards;
        this.routing = routing;
        this.json = json;
        this.ttl = ttl;
        this.meters = meters;
        this.hits = Counter.builder("member.query.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("member.query.cache").tag("result", "miss").register(meters);
        this.cacheUnavailable = Counter.builder("member.query.cache").tag("result", "unavailable").register(meters);
        Gauge.builder("member.query.cache.hit.ratio", this, reader -> reader.hitRatio())
                .description("cache hits / (hits + misses) since start").register(meters);
    }

    public double hitRatio() {
        double all = hits.count() + misses.count();
        return all == 0 ? 0 : hits.count() / all;
    }

    /** A member by a lookup key ({@code id:}, {@code mobile:} or {@code account:}); empty when nobody has it. */
    public Optional<Found> read(String lookupKey, CallerClass callerClass) {
        StoreRouting route = routing.current();
        Store cache = Store.cache(route.localCenter());
        RedissonClient center = centers.center(route.localCenter());
        StoreGuards.Attempt<String> cached = guards.call(cache,
                () -> center.<String>getBucket(MemberCacheProtocol.cacheKey(lookupKey), StringCodec.INSTANCE).get());
        if (cached.answered() && cached.value() != null) {
            hits.increment();
            return Optional.of(new Found(parse(MemberCacheProtocol.json(cached.value())), cache));
        }
        (cached.answered() ? misses : cacheUnavailable).increment();

        List<SearchCluster> clusters = clusters(route, callerClass);
        Long memberId = lookupKey.startsWith("id:") ? Long.valueOf(lookupKey.substring(3)) : ownerInSearch(clusters, lookupKey);
        if (memberId != null) {
            Found found = readUnderHold(memberId, lookupKey, clusters, cached.answered() ? cache : null, center);
            if (found != null) {
                return Optional.of(found);
            }
        }
        if (lookupKey.startsWith("id:")) {
            // Not in ES (yet: a member registered a moment ago may not be replicated): its shard has the last word.
            return Optional.ofNullable(fromMysql(memberId, lookupKey));
        }
        // The search cluster did not know the key, or pointed at a member who no longer has it: ask the index table.
        StoreGuards.Attempt<Long> indexed = guards.call(Store.MYSQL, () -> mysql.owner(lookupKey));
        if (!indexed.answered()) {
            throw new StoresUnavailableException("no store could resolve the lookup key");
        }
        if (indexed.value() == null) {
            return Optional.empty();
        }
        Found found = indexed.value().equals(memberId) ? null
                : readUnderHold(indexed.value(), lookupKey, clusters, cached.answered() ? cache : null, center);
        // ES may not have the change that gave the member this key yet: then MySQL answers (and nothing is cached).
        return Optional.ofNullable(found != null ? found : fromMysql(indexed.value(), lookupKey));
    }

    /** The member from its shard if it has the key; never cached. */
    private Found fromMysql(long memberId, String lookupKey) {
        StoreGuards.Attempt<MemberDocuments.View> read = guards.call(Store.MYSQL, () -> mysql.view(memberId));
        if (!read.answered()) {
            throw new StoresUnavailableException("no store could read the member");
        }
        return read.value() != null && read.value().lookupKeys().contains(lookupKey) ? new Found(read.value(), Store.MYSQL) : null;
    }

    /**
     * Reads the member under its lock (when the cache answered and the lock is free) and fills the cache with every
     * key of the member if the read came from ES. Null when the member does not exist or does not have the key.
     */
    private Found readUnderHold(long memberId, String lookupKey, List<SearchCluster> clusters, Store cache, RedissonClient center) {
        StoreGuards.Attempt<MemberCacheProtocol.ReaderHold> hold = cache == null ? StoreGuards.Attempt.none()
                : guards.call(cache, () -> MemberCacheProtocol.tryHold(center, memberId));
        try {
            Found found = readMember(memberId, clusters);
            if (found == null || !found.view().lookupKeys().contains(lookupKey)) {
                return null;
            }
            if (hold.value() != null && found.source() != Store.MYSQL) {
                fill(cache, hold.value(), found.view());
            }
            return found;
        } finally {
            if (hold.value() != null) {
                release(cache, hold.value());
            }
        }
    }

    /** Caches the member under every key it can be looked up by, fenced by the hold (with a TTL jitter of 10 %). */
    private void fill(Store cache, MemberCacheProtocol.ReaderHold hold, MemberDocuments.View view) {
        Map<String, String> values = new LinkedHashMap<>();
        String document = write(view);
        view.lookupKeys().forEach(key -> values.put(key, document));
        Duration jittered = ttl.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ttl.toMillis() / 10)));
        guards.call(cache, () -> hold.fill(values, view.version(), jittered));
    }

    private void release(Store cache, MemberCacheProtocol.ReaderHold hold) {
        guards.call(cache, () -> {
            hold.close();
            return null;
        });
    }

    /** The member from the first cluster that answers, else from MySQL; null when it does not exist. */
    private Found readMember(long memberId, List<SearchCluster> clusters) {
        for (int i = 0; i < clusters.size(); i++) {
            SearchCluster cluster = clusters.get(i);
            StoreGuards.Attempt<MemberDocuments.View> read = guards.call(Store.search(cluster), () -> search.view(cluster, memberId));
            if (read.answered()) {
                return read.value() == null ? null : new Found(read.value(), Store.search(cluster));
            }
            fallback(Store.search(cluster), i + 1 < clusters.size() ? Store.search(clusters.get(i + 1)) : Store.MYSQL);
        }
        StoreGuards.Attempt<MemberDocuments.View> read = guards.call(Store.MYSQL, () -> mysql.view(memberId));
        if (!read.answered()) {
            throw new StoresUnavailableException("no store could read the member");
        }
        return read.value() == null ? null : new Found(read.value(), Store.MYSQL);
    }

    /** The member a key points at in the first cluster that answers; null if none answers or none knows the key. */
    private Long ownerInSearch(List<SearchCluster> clusters, String lookupKey) {
        for (int i = 0; i < clusters.size(); i++) {
            SearchCluster cluster = clusters.get(i);
            StoreGuards.Attempt<Long> owner = guards.call(Store.search(cluster), () -> search.owner(cluster, lookupKey));
            if (owner.answered()) {
                return owner.value();
            }
            fallback(Store.search(cluster), i + 1 < clusters.size() ? Store.search(clusters.get(i + 1)) : Store.MYSQL);
        }
        return null;
    }

    /**
     * Several members by id, in the order asked; absent ones are left out. One MGET on the cache, one multi-get on
     * the first cluster that answers for the misses, MySQL (member by member) when no cluster answers.
     */
    public List<Found> readAll(List<Long> askedIds, CallerClass callerClass) {
        // Each member once: a member's lock is reentrant, and a second hold on it would outlive this read.
        List<Long> memberIds = askedIds.stream().distinct().toList();
        StoreRouting route = routing.current();
        Store cache = Store.cache(route.localCenter());
        RedissonClient center = centers.center(route.localCenter());
        Map<Long, Found> found = new HashMap<>();
        String[] keys = memberIds.stream().map(id -> MemberCacheProtocol.cacheKey(LookupKeys.memberId(id))).toArray(String[]::new);
        StoreGuards.Attempt<Map<String, String>> cached = guards.call(cache, () -> {
            RBuckets buckets = center.getBuckets(StringCodec.INSTANCE);
            return buckets.<String>get(keys);
        });
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            String value = cached.answered() ? cached.value().get(keys[i]) : null;
            if (value != null) {
                hits.increment();
                found.put(memberIds.get(i), new Found(parse(MemberCacheProtocol.json(value)), cache));
            } else {
                (cached.answered() ? misses : cacheUnavailable).increment();
                missing.add(memberIds.get(i));
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(readMissing(missing, clusters(route, callerClass), cached.answered() ? cache : null, center));
        }
        return memberIds.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** Reads cache misses under their members' holds, all taken before the read, and fills what ES answered. */
    private Map<Long, Found> readMissing(List<Long> memberIds, List<SearchCluster> clusters, Store cache, RedissonClient center) {
        Map<Long, MemberCacheProtocol.ReaderHold> holds = new HashMap<>();
        try {
            for (Long id : memberIds) {
                StoreGuards.Attempt<MemberCacheProtocol.ReaderHold> hold = cache == null ? StoreGuards.Attempt.none()
                        : guards.call(cache, () -> MemberCacheProtocol.tryHold(center, id));
                if (hold.value() != null) {
                    holds.put(id, hold.value());
                }
            }
            Map<Long, Found> found = new HashMap<>();
            for (int i = 0; i < clusters.size(); i++) {
                SearchCluster cluster = clusters.get(i);
                StoreGuards.Attempt<Map<Long, MemberDocuments.View>> read = guards.call(Store.search(cluster),
                        () -> search.views(cluster, memberIds));
                if (read.answered()) {
                    read.value().forEach((id, view) -> found.put(id, new Found(view, Store.search(cluster))));
                    found.values().stream().filter(f -> holds.containsKey(Long.parseLong(f.view().memberId())))
                            .forEach(f -> fill(cache, holds.get(Long.parseLong(f.view().memberId())), f.view()));
                    // What ES does not have (yet), the members' shards may: asked member by member, never cached.
                    for (Long id : memberIds) {
                        if (!found.containsKey(id)) {
                            StoreGuards.Attempt<MemberDocuments.View> row = guards.call(Store.MYSQL, () -> mysql.view(id));
                            if (row.value() != null) {
                                found.put(id, new Found(row.value(), Store.MYSQL));
                            }
                        }
                    }
                    return found;
                }
                fallback(Store.search(cluster), i + 1 < clusters.size() ? Store.search(clusters.get(i + 1)) : Store.MYSQL);
            }
            for (Long id : memberIds) {
                StoreGuards.Attempt<MemberDocuments.View> read = guards.call(Store.MYSQL, () -> mysql.view(id));
                if (!read.answered()) {
                    throw new StoresUnavailableException("no store could read the members");
                }
                if (read.value() != null) {
                    found.put(id, new Found(read.value(), Store.MYSQL));
                }
            }
            return found;
        } finally {
            holds.values().forEach(hold -> release(cache, hold));
        }
    }

    /** ORDER and OPS callers read the order cluster, MARKETING and BATCH the marketing one; each has one fallback cluster. */
    static List<SearchCluster> clusters(StoreRouting route, CallerClass callerClass) {
        boolean marketing = callerClass == CallerClass.MARKETING || callerClass == CallerClass.BATCH;
        SearchCluster first = marketing ? route.marketingSearch() : route.orderSearch();
        SearchCluster second = marketing
                ? (first == SearchCluster.MARKETING ? SearchCluster.BACKUP : SearchCluster.MARKETING)
                : (first == SearchCluster.PRIMARY ? SearchCluster.BACKUP : SearchCluster.PRIMARY);
        return List.of(first, second);
    }

    private void fallback(Store from, Store to) {
        Counter.builder("member.query.fallback").tag("from", from.tag()).tag("to", to.tag()).register(meters).increment();
        log.debug("read fell back from {} to {}", from.tag(), to.tag());
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
