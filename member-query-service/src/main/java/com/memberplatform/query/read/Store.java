package com.memberplatform.query.read;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.search.SearchCluster;
import java.util.Locale;

/** A store a lookup can be answered from; each has its own circuit breaker (a Sentinel resource). */
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

    /** The metric tag, e.g. {@code es_primary}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
