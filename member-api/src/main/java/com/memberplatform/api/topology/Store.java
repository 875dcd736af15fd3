package com.memberplatform.api.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every store of the platform, by one name: the cache of each data center, the three Elasticsearch clusters
 * (order traffic reads the primary, marketing its own, the backup stands by in B) and MySQL. Breakers, metrics,
 * read routes, replication targets and the {@code routing} document all name stores by this type.
 */
public enum Store {
    CACHE_A(Kind.CACHE),
    CACHE_B(Kind.CACHE),
    ES_PRIMARY(Kind.SEARCH),
    ES_BACKUP(Kind.SEARCH),
    ES_MARKETING(Kind.SEARCH),
    MYSQL(Kind.DATABASE);

    /** What a store is. */
    public enum Kind {
        CACHE,
        SEARCH,
        DATABASE
    }

    private static final List<Store> SEARCH_CLUSTERS = List.of(ES_PRIMARY, ES_BACKUP, ES_MARKETING);

    private final Kind kind;

    Store(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The cache of a data center. */
    public static Store cache(DataCenter center) {
        return center == DataCenter.A ? CACHE_A : CACHE_B;
    }

    /** The data center of a cache. */
    public DataCenter center() {
        return switch (this) {
            case CACHE_A -> DataCenter.A;
            case CACHE_B -> DataCenter.B;
            default -> throw new IllegalStateException(this + " is not a cache");
        };
    }

    /** The three Elasticsearch clusters. */
    public static List<Store> searchClusters() {
        return SEARCH_CLUSTERS;
    }

    /**
     * The name of an Elasticsearch cluster in the {@code routing} document, in settings and on the command line:
     * {@code PRIMARY}, {@code BACKUP}, {@code MARKETING}.
     */
    public String clusterName() {
        if (kind != Kind.SEARCH) {
            throw new IllegalStateException(this + " is not a search cluster");
        }
        return name().substring("ES_".length());
    }

    /** The Elasticsearch cluster of that {@linkplain #clusterName() name} (upper case, as printed). */
    public static Store searchCluster(String name) {
        return SEARCH_CLUSTERS.stream().filter(store -> store.clusterName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no search cluster " + name + " (one of PRIMARY, BACKUP, MARKETING)"));
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
