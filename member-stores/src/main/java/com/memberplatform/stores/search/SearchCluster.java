package com.memberplatform.stores.search;

/** The three Elasticsearch clusters: order traffic reads the primary, marketing its own, the backup stands by in B. */
public enum SearchCluster {
    PRIMARY,
    BACKUP,
    MARKETING
}
