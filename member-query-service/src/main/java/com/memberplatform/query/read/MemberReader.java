package com.memberplatform.query.read;

import com.memberplatform.readmodel.ReadRoute;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read path along a {@link ReadRoute}: the local center's cache, then the search clusters in the route's order,
 * then MySQL when no cluster answers. What a cluster answers on a cache miss is filled into the cache
 * ({@link CachedMembers}: the protocol refuses a fill older than what an invalidation left); values read from MySQL
 * are never cached (a replica may lag behind the events the cache has seen).
 */
public final class MemberReader {

    /** A member as read, and the store that answered. */
    public record Found(MemberDocuments.View view, Store source) {
    }

    /** No store could answer (as opposed to: the member does not exist). */
    public static final class StoresUnavailableException extends RuntimeException {

        StoresUnavailableException(String message) {
            super(message);
        }
    }

    private final CachedMembers cache;
    private final SearchChain search;
    private final SearchReads reads;
    private final MysqlReads mysql;
    private final StoreGuards guards;
    private final LiveDocument<StoreRouting> routing;

    MemberReader(CachedMembers cache, SearchReads reads, MysqlReads mysql, StoreGuards guards, LiveDocument<StoreRouting> routing,
                 MeterRegistry meters) {
        this.cache = cache;
        this.search = new SearchChain(guards::call, meters);
        this.reads = reads;
        this.mysql = mysql;
        this.guards = guards;
        this.routing = routing;
    }

    public double hitRatio() {
        return cache.hitRatio();
    }

    /** A member by a lookup key; empty when nobody has it. */
    public Optional<Found> read(LookupKey lookupKey, CallerClass callerClass) {
        ReadRoute route = ReadRoute.of(routing.current(), callerClass);
        StoreGuards.Attempt<MemberDocuments.View> cached = cache.lookup(route.center(), lookupKey);
        if (cached.value() != null) {
            return Optional.of(new Found(cached.value(), route.cache()));
        }
        boolean fill = cached.answered();
        boolean byId = lookupKey.kind() == LookupKey.Kind.ID;
        // Boxed on both sides: with a primitive on one, the conditional would unbox a null owner.
        Long memberId = byId ? Long.valueOf(lookupKey.memberId()) : ownerInSearch(route, lookupKey);
        Found found = memberId == null ? null : readHolding(memberId, lookupKey, route, fill);
        if (found != null) {
            return Optional.of(found);
        }
        if (byId) {
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
        Found owner = indexed.value().equals(memberId) ? null : readHolding(indexed.value(), lookupKey, route, fill);
        // ES may not have the change that gave the member this key yet: then MySQL answers (and nothing is cached).
        return Optional.ofNullable(owner != null ? owner : fromMysql(indexed.value(), lookupKey));
    }

    /** The member along the route if it holds the key (filled into the cache when a cluster answered); else null. */
    private Found readHolding(long memberId, LookupKey lookupKey, ReadRoute route, boolean fill) {
        Found found = readMember(memberId, route);
        if (found == null || !found.view().lookupKeys().contains(lookupKey)) {
            return null;
        }
        if (fill && found.source() != Store.MYSQL) {
            cache.fill(route.center(), found.view());
        }
        return found;
    }

    /** The member from its shard if it has the key; never cached. */
    private Found fromMysql(long memberId, LookupKey lookupKey) {
        MemberDocuments.View view = mysqlView(memberId, "no store could read the member");
        return view != null && view.lookupKeys().contains(lookupKey) ? new Found(view, Store.MYSQL) : null;
    }

    /** The member from the first cluster that answers, else from MySQL; null when it does not exist. */
    private Found readMember(long memberId, ReadRoute route) {
        SearchChain.Answer<MemberDocuments.View> answer = search.first(route.clusters(), cluster -> reads.view(cluster, memberId));
        if (answer != null) {
            return answer.value() == null ? null : new Found(answer.value(), answer.source());
        }
        MemberDocuments.View view = mysqlView(memberId, "no store could read the member");
        return view == null ? null : new Found(view, Store.MYSQL);
    }

    /** The member a key points at in the first cluster that answers; null if none answers or none knows the key. */
    private Long ownerInSearch(ReadRoute route, LookupKey lookupKey) {
        SearchChain.Answer<Long> owner = search.first(route.clusters(), cluster -> reads.owner(cluster, lookupKey));
        return owner == null ? null : owner.value();
    }

    private MemberDocuments.View mysqlView(long memberId, String unavailable) {
        StoreGuards.Attempt<MemberDocuments.View> read = guards.call(Store.MYSQL, () -> mysql.view(memberId));
        if (!read.answered()) {
            throw new StoresUnavailableException(unavailable);
        }
        return read.value();
    }

    /**
     * Several members by id, in the order asked; absent ones are left out. One round trip to the cache, one multi-get
     * on the first cluster that answers for the misses (filled into the cache), MySQL member by member for what no
     * cluster has.
     */
    public List<Found> readAll(List<Long> askedIds, CallerClass callerClass) {
        List<Long> memberIds = askedIds.stream().distinct().toList();
        ReadRoute route = ReadRoute.of(routing.current(), callerClass);
        StoreGuards.Attempt<Map<Long, MemberDocuments.View>> cached = cache.lookupAll(route.center(), memberIds);
        Map<Long, Found> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : memberIds) {
            MemberDocuments.View view = cached.answered() ? cached.value().get(id) : null;
            if (view != null) {
                found.put(id, new Found(view, route.cache()));
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            SearchChain.Answer<Map<Long, MemberDocuments.View>> answer = search.first(route.clusters(), cluster -> reads.views(cluster, missing));
            if (answer != null) {
                answer.value().forEach((id, view) -> {
                    found.put(id, new Found(view, answer.source()));
                    if (cached.answered()) {
                        cache.fill(route.center(), view);
                    }
                });
            }
            for (Long id : missing) {
                if (!found.containsKey(id)) {
                    MemberDocuments.View view = answer == null ? mysqlView(id, "no store could read the members")
                            : guards.call(Store.MYSQL, () -> mysql.view(id)).value();
                    if (view != null) {
                        found.put(id, new Found(view, Store.MYSQL));
                    }
                }
            }
        }
        return memberIds.stream().map(found::get).filter(Objects::nonNull).toList();
    }
}
