package com.memberplatform.sync.replication;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.stores.search.SearchCluster;
import com.memberplatform.stores.search.SearchClusters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.elasticsearch.client.Request;

/**
 * Writes the member-relationship view to one ES cluster in bulk, without forcing a refresh. Every write carries an
 * external version (the member version for views, the event id for lookup documents), so a replayed or older
 * event is refused by ES itself (409), which counts as already applied. Templates, indices and aliases are
 * created on first use when missing.
 */
public final class SearchIndexWriter implements TargetWriter {

    private static final List<String> TEMPLATES = List.of("member-view", "member-lookup");

    private final SearchClusters clusters;
    private final SearchCluster cluster;
    private volatile boolean indicesReady;

    public SearchIndexWriter(SearchClusters clusters, SearchCluster cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
    }

    @Override
    public void apply(List<MemberChangeEvent> events) throws TargetUnavailableException {
        try {
            ensureIndices();
            BulkResponse response = clusters.client(cluster).bulk(bulk(events));
            if (response.errors()) {
                List<String> failures = response.items().stream().filter(SearchIndexWriter::failed)
                        .map(item -> item.status() + " " + (item.error() == null ? "" : item.error().type() + ": " + item.error().reason()))
                        .collect(Collectors.toList());
                if (failures.stream().anyMatch(f -> f.startsWith("429") || f.startsWith("503"))) {
                    throw new TargetUnavailableException(cluster + " is overloaded: " + failures.get(0), null);
                }
                if (!failures.isEmpty()) {
                    throw new IllegalStateException(cluster + " refused " + failures.size() + " writes, first: " + failures.get(0));
                }
            }
        } catch (IOException e) {
            throw new TargetUnavailableException(cluster + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                throw new TargetUnavailableException(cluster + " answered " + e.status(), e);
            }
            throw e;
        }
    }

    /** A version conflict means a newer (or the same) version is already there; a missing stale key is already gone. */
    private static boolean failed(BulkResponseItem item) {
        return item.error() != null && item.status() != 409 && item.status() != 404;
    }

    private static BulkRequest bulk(List<MemberChangeEvent> events) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (MemberChangeEvent event : events) {
            String member = Long.toString(event.memberId());
            MemberDocuments.View view = MemberDocuments.view(event.snapshot(), event.occurredAt());
            bulk.operations(op -> op.index(i -> i.index(MemberDocuments.VIEW_ALIAS).id(member).routing(member)
                    .version(event.version()).versionType(VersionType.External).document(view)));
            for (MemberDocuments.Lookup lookup : MemberDocuments.lookups(event.snapshot())) {
                bulk.operations(op -> op.index(i -> i.index(MemberDocuments.LOOKUP_ALIAS).id(lookup.lookupKey())
                        .routing(lookup.lookupKey()).version(event.eventId()).versionType(VersionType.External).document(lookup)));
            }
            for (String stale : event.staleKeys()) {
                bulk.operations(op -> op.delete(d -> d.index(MemberDocuments.LOOKUP_ALIAS).id(stale).routing(stale)
                        .version(event.eventId()).versionType(VersionType.External)));
            }
        }
        return bulk.build();
    }

    private void ensureIndices() throws IOException {
        if (indicesReady) {
            return;
        }
        var rest = clusters.restClient(cluster);
        for (String template : TEMPLATES) {
            if (rest.performRequest(new Request("HEAD", "/_index_template/" + template)).getStatusLine().getStatusCode() == 404) {
                Request put = new Request("PUT", "/_index_template/" + template);
                put.setJsonEntity(resource("/es/" + template + ".json"));
                rest.performRequest(put);
            }
        }
        ElasticsearchClient client = clusters.client(cluster);
        createIfMissing(client, MemberDocuments.VIEW_INDEX, MemberDocuments.VIEW_ALIAS);
        createIfMissing(client, MemberDocuments.LOOKUP_INDEX, MemberDocuments.LOOKUP_ALIAS);
        indicesReady = true;
    }

    private static void createIfMissing(ElasticsearchClient client, String index, String alias) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        try {
            client.indices().create(c -> c.index(index).aliases(alias, a -> a));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SearchIndexWriter.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
