package com.memberplatform.stores.search;

import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.startup.StoreHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three ES clusters for a service, with a health entry per cluster. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchEndpoints.class)
public class SearchClustersConfiguration {

    @Bean(destroyMethod = "close")
    SearchClusters searchClusters(ElasticsearchEndpoints endpoints) {
        return SearchClusters.connect(endpoints);
    }

    @Bean
    HealthContributor elasticsearch(SearchClusters clusters) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (Store cluster : Store.searchClusters()) {
            indicators.put(cluster.clusterName().toLowerCase(java.util.Locale.ROOT), new SearchClusterHealth(clusters, cluster));
        }
        return StoreHealth.of(indicators);
    }
}
