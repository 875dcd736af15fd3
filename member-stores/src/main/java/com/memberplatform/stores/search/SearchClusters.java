package com.memberplatform.stores.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.memberplatform.api.topology.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** One Elasticsearch client per cluster, with short timeouts so a dead cluster fails fast. */
public final class SearchClusters implements AutoCloseable {

    private final Map<Store, ElasticsearchClient> clients = new EnumMap<>(Store.class);
    private final Map<Store, RestClient> restClients = new EnumMap<>(Store.class);

    private SearchClusters() {
    }

    public static SearchClusters connect(ElasticsearchEndpoints endpoints) {
        SearchClusters clusters = new SearchClusters();
        for (Store cluster : Store.searchClusters()) {
            RestClient rest = RestClient.builder(HttpHost.create(endpoints.of(cluster)))
                    .setRequestConfigCallback(request -> request.setConnectTimeout(1_000).setSocketTimeout(3_000))
                    .build();
            clusters.restClients.put(cluster, rest);
            clusters.clients.put(cluster, new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(json()))));
        }
        return clusters;
    }

    /** Documents carry java.time values as ISO-8601 text. */
    private static com.fasterxml.jackson.databind.ObjectMapper json() {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    }

    public ElasticsearchClient client(Store cluster) {
        return clients.get(cluster);
    }

    /** The low-level client, for the few APIs the typed client lacks (e.g. {@code _search_shards}). */
    public RestClient restClient(Store cluster) {
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
