package com.memberplatform.stores.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** One Elasticsearch client per cluster, with short timeouts so a dead cluster fails fast. */
public final class SearchClusters implements AutoCloseable {

    private final Map<SearchCluster, ElasticsearchClient> clients = new EnumMap<>(SearchCluster.class);
    private final Map<SearchCluster, RestClient> restClients = new EnumMap<>(SearchCluster.class);

    private SearchClusters() {
    }

    public static SearchClusters connect(ElasticsearchEndpoints endpoints) {
        SearchClusters clusters = new SearchClusters();
        for (SearchCluster cluster : SearchCluster.values()) {
            RestClient rest = RestClient.builder(HttpHost.create(endpoints.of(cluster)))
                    .setRequestConfigCallback(request -> request.setConnectTimeout(1_000).setSocketTimeout(3_000))
                    .build();
            clusters.restClients.put(cluster, rest);
            clusters.clients.put(cluster, new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())));
        }
        return clusters;
    }

    public ElasticsearchClient client(SearchCluster cluster) {
        return clients.get(cluster);
    }

    /** The low-level client, for the few APIs the typed client lacks (e.g. {@code _search_shards}). */
    public RestClient restClient(SearchCluster cluster) {
        return restClients.get(cluster);
    }

    @Override
    public void close() {
        restClients.values().forEach(rest -> {
            try {
                rest.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
