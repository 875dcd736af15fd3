package com.memberplatform.flowcontrol.rules;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.search.SearchCluster;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A downstream store of the API services; each has its own circuit breaker (a Sentinel resource). */
public enum Store {
    CACHE_A,
    CACHE_B,
    ES_PRIMARY,
    ES_BACKUP,
    ES_MARKETING,
    MYSQL;

    public static Store cache(DataCenter center) {
        return center == DataCenter.A ? CACHE_A : CACHE_B;
    }

    public static Store search(SearchCluster cluster) {
        return switch (cluster) {
            case PRIMARY -> ES_PRIMARY;
            case BACKUP -> ES_BACKUP;
            case MARKETING -> ES_MARKETING;
        };
    }

    /** The Sentinel resource name, e.g. {@code store:es-primary}. */
    public String resource() {
        return "store:" + tag().replace('_', '-');
    }

    /** The store with this metric tag. */
    public static Optional<Store> byTag(String tag) {
        return Arrays.stream(values()).filter(store -> store.tag().equals(tag)).findFirst();
    }

    /** The metric tag, e.g. {@code es_primary}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
