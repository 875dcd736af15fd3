package com.memberplatform.stores.search;

import com.memberplatform.api.topology.Store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.stores.StackEndpoints;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.actuate.health.Status;

@WithLocalStack
class SearchClustersIT {

    private static SearchClusters clusters;

    @BeforeAll
    static void connect(LocalStack stack) {
        clusters = SearchClusters.connect(StackEndpoints.elasticsearch(stack));
    }

    @AfterAll
    static void close() {
        clusters.close();
    }

    record MemberDoc(String memberId, String mobile, String status, long version, List<String> accountKeys) {
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"ES_PRIMARY", "ES_BACKUP", "ES_MARKETING"})
    void shouldCreateKeywordOnlyIndicesFromTheTemplate(Store cluster) throws IOException {
        ElasticsearchClient client = clusters.client(cluster);
        String index = "member-view-it-" + UUID.randomUUID();
        client.indices().create(c -> c.index(index));
        try {
            TypeMapping mapping = client.indices().getMapping(m -> m.index(index)).get(index).mappings();

            assertThat(mapping.dynamic()).isEqualTo(DynamicMapping.Strict);
            assertThat(leafTypes(mapping.properties())).isNotEmpty()
                    .allMatch(type -> type != Property.Kind.Text, "no text field");
            assertThat(leafTypes(mapping.properties())).contains(Property.Kind.Keyword);
        } finally {
            client.indices().delete(d -> d.index(index));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"ES_PRIMARY", "ES_BACKUP", "ES_MARKETING"})
    void shouldAnswerARoutedFilterQueryFromOneShard(Store cluster) throws IOException {
        ElasticsearchClient client = clusters.client(cluster);
        String index = "member-view-it-" + UUID.randomUUID();
        client.indices().create(c -> c.index(index));
        try {
            String memberId = "9000" + System.nanoTime() % 100_000;
            MemberDoc doc = new MemberDoc(memberId, "+8613800138000", "ACTIVE", 3, List.of("WECHAT|WECHAT_OPENID|wx1|oAbc123"));
            client.index(i -> i.index(index).id(memberId).routing(memberId).document(doc));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                SearchResponse<MemberDoc> found = client.search(s -> s.index(index).routing(memberId)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("memberId").value(memberId))))), MemberDoc.class);
                assertThat(found.hits().hits()).singleElement().extracting(hit -> hit.source().version()).isEqualTo(3L);
                assertThat(found.shards().total().intValue()).as("shards searched").isEqualTo(1);
            });
            assertThat(shardsForRouting(cluster, index, memberId)).isEqualTo(1);
            assertThat(shardsForRouting(cluster, index, null)).as("without routing").isEqualTo(3);
        } finally {
            client.indices().delete(d -> d.index(index));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"ES_PRIMARY", "ES_BACKUP", "ES_MARKETING"})
    void shouldReportTheClusterHealthy(Store cluster) {
        assertThat(new SearchClusterHealth(clusters, cluster).health().getStatus()).isEqualTo(Status.UP);
    }

    private static int shardsForRouting(Store cluster, String index, String routing) throws IOException {
        Request request = new Request("GET", "/" + index + "/_search_shards");
        if (routing != null) {
            request.addParameter("routing", routing);
        }
        Response response = clusters.restClient(cluster).performRequest(request);
        JsonNode body = new ObjectMapper().readTree(response.getEntity().getContent());
        return body.get("shards").size();
    }

    private static List<Property.Kind> leafTypes(Map<String, Property> properties) {
        List<Property.Kind> kinds = new ArrayList<>();
        properties.values().forEach(property -> {
            if (property.isObject()) {
                kinds.addAll(leafTypes(property.object().properties()));
            } else {
                kinds.add(property._kind());
            }
        });
        return kinds;
    }
}
