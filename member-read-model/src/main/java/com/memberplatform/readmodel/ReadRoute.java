package com.memberplatform.readmodel;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.LocalCenter;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.api.topology.Store;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one read goes, from the live {@code routing} document and the caller's class: the local center's cache, then
 * the search clusters in order (the class's cluster, then its one fallback), then MySQL. ORDER and OPS callers read the
 * order cluster (fallback: the other of primary and backup), MARKETING and BATCH the marketing one (fallback: the
 * other of marketing and backup); marketing traffic never reaches the primary.
 */
public record ReadRoute(DataCenter center, List<Store> clusters) {

    public ReadRoute {
        clusters = List.copyOf(clusters);
    }

    public static ReadRoute of(StoreRouting routing, CallerClass callerClass) {
        boolean marketing = callerClass == CallerClass.MARKETING || callerClass == CallerClass.BATCH;
        Store first = marketing ? routing.marketingSearch() : routing.orderSearch();
        Store second = marketing
                ? (first == Store.ES_MARKETING ? Store.ES_BACKUP : Store.ES_MARKETING)
                : (first == Store.ES_PRIMARY ? Store.ES_BACKUP : Store.ES_PRIMARY);
        return new ReadRoute(routing.localCenter(), List.of(first, second));
    }

    /**
     * The local center of every read of a service that follows the live {@code routing} document: its cache reads
     * ({@link #center()}) and its MySQL replica reads (the {@link LocalCenter} bean the sharded MySQL asks) switch
     * together, at the next read after ops publish a new document.
     */
    public static LocalCenter localCenter(LiveDocument<StoreRouting> routing) {
        return () -> routing.current().localCenter();
    }

    /** The cache this read uses. */
    public Store cache() {
        return Store.cache(center);
    }

    /** Every store of the read, in the order it tries them. */
    public List<Store> stores() {
        return Stream.of(Stream.of(cache()), clusters.stream(), Stream.of(Store.MYSQL)).flatMap(s -> s).toList();
    }
}
