package com.memberplatform.stores.search;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.startup.Reasons;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of one ES cluster from {@code _cluster/health}: red or unreachable is down. */
public final class SearchClusterHealth implements HealthIndicator {

    private final SearchClusters clusters;
    private final Store cluster;

    public SearchClusterHealth(SearchClusters clusters, Store cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        try {
            HealthResponse response = clusters.client(cluster).cluster().health();
            Health.Builder builder = response.status() == HealthStatus.Red ? Health.down() : Health.up();
            return builder.withDetail("cluster", response.clusterName()).withDetail("status", response.status().jsonValue())
                    .withDetail("nodes", response.numberOfNodes()).build();
        } catch (Exception e) {
            return Health.down().withDetail("cluster", cluster.clusterName()).withDetail("reason", Reasons.of(e)).build();
        }
    }
}
