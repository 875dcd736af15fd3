package com.memberplatform.sync.replication;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.SearchClusters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.elasticsearch.client.Request;

/**
 * Writes the member-relationship view to one ES cluster in bulk, without forcing a refresh. Every write carries an
 * external version (the member version for views, the event id for lookup documents), so a replayed or older
 * event is refused by ES itself (409), which counts as already applied. Templates, indices and aliases are
 * created on first use when missing, and again when they disappear. The change events and the rebuild from MySQL
 * ({@link SearchRebuild}) both write through here, with the same versions for the same member version.
 */
public final class SearchIndexWriter implements TargetWriter {

    private static final List<String> TEMPLATES = List.of("member-view", "member-lookup");

    private final SearchClusters clusters;
    private final Store cluster;
    private volatile boolean indicesReady;

    public SearchIndexWriter(SearchClusters clusters, Store cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
    }

    /** What one member's documents must become: a version of the member, and the id of the event that made it. */
    public record MemberState(MemberSnapshot snapshot, Instant updatedAt, long eventId, List<LookupKey> staleKeys) {

        public static MemberState of(MemberChangeEvent event) {
            return new MemberState(event.snapshot(), event.occurredAt(), event.eventId(), event.staleKeys());
        }
    }

    /** How a bulk write went: documents written or deleted, and writes ES refused because a newer version was there. */
    public record Written(int applied, int alreadyNewer) {
    }

    @Override
    public void apply(List<MemberChangeEvent> events) throws TargetUnavailableException {
        write(events.stream().map(MemberState::of).toList());
    }

    public Written write(List<MemberState> states) throws TargetUnavailableException {
        return call(cluster, () -> {
            ensureIndices();
            BulkResponse response = clusters.client(cluster).bulk(bulk(states));
            int alreadyNewer = (int) response.items().stream().filter(item -> item.status() == 409).count();
            if (response.errors()) {
                List<BulkResponseItem> failed = response.items().stream().filter(SearchIndexWriter::failed).toList();
                if (failed.stream().anyMatch(item -> item.status() == 404)) {
                    // The indices or aliases are gone (a wiped cluster): create them again, then retry.
                    indicesReady = false;
                    throw new TargetUnavailableException(cluster + " has no member indices: " + describe(failed.get(0)), null);
                }
                if (failed.stream().anyMatch(item -> item.status() == 429 || item.status() == 503)) {
                    throw new TargetUnavailableException(cluster + " is overloaded: " + describe(failed.get(0)), null);
                }
                if (!failed.isEmpty()) {
                    throw new IllegalStateException(cluster + " refused " + failed.size() + " writes, first: " + describe(failed.get(0)));
                }
            }
            return new Written(response.items().size() - alreadyNewer, alreadyNewer);
        });
    }

    /** One or more requests to a cluster. */
    interface ClusterCall<T> {
        T call() throws IOException, TargetUnavailableException;
    }

    /** Runs a call; an unreachable, overloaded or failing cluster is worth a retry, any other answer is a refusal. */
    static <T> T call(Store cluster, ClusterCall<T> call) throws TargetUnavailableException {
        try {
            return call.call();
        } catch (IOException e) {
            throw new TargetUnavailableException(cluster + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                throw new TargetUnavailableException(cluster + " answered " + e.status(), e);
            }
            throw e;
        }
    }

    /**
     * A version conflict means a newer (or the same) version is already there. A delete of a missing document has no
     * error (result not_found), so a 404 with an error is a missing index.
     */
    private static boolean failed(BulkResponseItem item) {
        return item.error() != null && item.status() != 409;
    }

    private static String describe(BulkResponseItem item) {
        return item.status() + " " + (item.error() == null ? "" : item.error().type() + ": " + item.error().reason());
    }

    /** Index operations must name an alias: a wiped cluster must never get a concrete index named like the alias. */
    private static BulkRequest bulk(List<MemberState> states) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().requireAlias(true);
        for (MemberState state : states) {
            MemberSnapshot snapshot = state.snapshot();
            String member = Long.toString(snapshot.memberId());
            MemberDocuments.View view = MemberDocuments.view(snapshot, state.updatedAt());
            bulk.operations(op -> op.index(i -> i.index(MemberDocuments.VIEW_ALIAS).id(member).routing(member)
                    .version(snapshot.version()).versionType(VersionType.External).document(view)));
            for (MemberDocuments.Lookup lookup : MemberDocuments.lookups(snapshot)) {
                bulk.operations(op -> op.index(i -> i.index(MemberDocuments.LOOKUP_ALIAS).id(lookup.lookupKey())
                        .routing(lookup.lookupKey()).version(state.eventId()).versionType(VersionType.External).document(lookup)));
            }
            for (LookupKey staleKey : state.staleKeys()) {
                String stale = staleKey.toString();
                bulk.operations(op -> op.delete(d -> d.index(MemberDocuments.LOOKUP_ALIAS).id(stale).routing(stale)
                        .version(state.eventId()).versionType(VersionType.External)));
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
