package com.memberplatform.query.read;

import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.SearchClusters;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SearchReads} on the elasticsearch-java client. Views are read by id (real time, so a reader that holds a
 * member's lock sees every change the cache invalidation waited for); lookup keys by a routed term filter, no scoring,
 * sorted in the JVM.
 */
public final class ElasticsearchReads implements SearchReads {

    private final SearchClusters clusters;

    public ElasticsearchReads(SearchClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public MemberDocuments.View view(Store cluster, long memberId) throws IOException {
        String id = Long.toString(memberId);
        var doc = clusters.client(cluster).get(g -> g.index(MemberDocuments.VIEW_ALIAS).id(id).routing(id), MemberDocuments.View.class);
        return doc.found() ? doc.source() : null;
    }

    @Override
    public Map<Long, MemberDocuments.View> views(Store cluster, Collection<Long> memberIds) throws IOException {
        MgetResponse<MemberDocuments.View> response = clusters.client(cluster).mget(m -> {
            m.index(MemberDocuments.VIEW_ALIAS);
            memberIds.forEach(id -> m.docs(d -> d.id(Long.toString(id)).routing(Long.toString(id))));
            return m;
        }, MemberDocuments.View.class);
        Map<Long, MemberDocuments.View> found = new LinkedHashMap<>();
        for (var item : response.docs()) {
            if (item.isFailure()) {
                throw new IOException(cluster + " could not read a view: " + item.failure().error().type());
            }
            GetResult<MemberDocuments.View> doc = item.result();
            if (doc.found()) {
                found.put(Long.parseLong(doc.id()), doc.source());
            }
        }
        return found;
    }

    @Override
    public Long owner(Store cluster, LookupKey key) throws IOException {
        String lookupKey = key.toString();
        SearchResponse<MemberDocuments.Lookup> response = clusters.client(cluster).search(s -> s.index(MemberDocuments.LOOKUP_ALIAS)
                .routing(lookupKey).size(2).trackTotalHits(t -> t.enabled(false))
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("lookupKey").value(lookupKey))))),
                MemberDocuments.Lookup.class);
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull)
                .max(Comparator.comparingLong(MemberDocuments.Lookup::version))
                .map(lookup -> Long.parseLong(lookup.memberId())).orElse(null);
    }
}
