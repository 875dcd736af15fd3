package com.memberplatform.sync.replication;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.search.SearchCluster;

/** Where change events are replicated to; each has its own consumer group, offset and lag. */
public enum SyncTarget {
    ES_PRIMARY(SearchCluster.PRIMARY, null),
    ES_BACKUP(SearchCluster.BACKUP, null),
    ES_MARKETING(SearchCluster.MARKETING, null),
    CACHE_A(null, DataCenter.A),
    CACHE_B(null, DataCenter.B);

    private final SearchCluster cluster;
    private final DataCenter center;

    SyncTarget(SearchCluster cluster, DataCenter center) {
        this.cluster = cluster;
        this.center = center;
    }

    public String consumerGroup() {
        return "member-sync-" + name().toLowerCase().replace('_', '-');
    }

    public SearchCluster cluster() {
        return cluster;
    }

    public DataCenter center() {
        return center;
    }
}
