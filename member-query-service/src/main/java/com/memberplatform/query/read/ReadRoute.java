package com.memberplatform.query.read;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.rules.Store;
import com.memberplatform.stores.search.SearchCluster;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one read goes, from the live {@code routing} document and the caller's class: the local center's cache, then
 * the search clusters in order (the class's cluster, then its one fallback), then MySQL. ORDER and OPS callers read the
 * order cluster (fallback: the other of primary and backup), MARKETING and BATCH the marketing one (fallback: the
 * other of marketing and backup); marketing traffic never reaches the primary.
 */
public record ReadRoute(DataCenter center, List<SearchCluster> clusters) {

    public ReadRoute {
        clusters = List.copyOf(clusters);
    }

    public static ReadRoute of(StoreRouting routing, CallerClass callerClass) {
        boolean marketing = callerClass == CallerClass.MARKETING || callerClass == CallerClass.BATCH;
        SearchCluster first = marketing ? routing.marketingSearch() : routing.orderSearch();
        SearchCluster second = marketing
                ? (first == SearchCluster.MARKETING ? SearchCluster.BACKUP : SearchCluster.MARKETING)
                : (first == SearchCluster.PRIMARY ? SearchCluster.BACKUP : SearchCluster.PRIMARY);
        return new ReadRoute(routing.localCenter(), List.of(first, second));
    }

    /** The cache this read uses. */
    public Store cache() {
        return Store.cache(center);
    }

    /** Every store of the read, in the order it tries them. */
    public List<Store> stores() {
        return Stream.of(Stream.of(cache()), clusters.stream().map(Store::search), Stream.of(Store.MYSQL)).flatMap(s -> s).toList();
    }
}
