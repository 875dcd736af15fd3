package com.memberplatform.sync.replication;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.stores.mysql.BindingRow;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.MemberRow;
import com.memberplatform.stores.mysql.ShardedMembers;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.search.SearchClusters;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Re-indexes one ES cluster, or a range of member ids in it, from MySQL: for an outage longer than the MQ retention
 * (ES here has no {@code _reindex}). It pages through the members in id order (keyset), reads each page's bindings from
 * the page's shards only, and writes every member exactly as its latest change event would have: view versioned by the
 * member version, lookup documents by the member's last event id ({@code member.last_event_id}). So it can run while
 * writes and the live consumers continue: whichever of the two carries the newer version wins, in either order.
 * <p>Lookup documents in the cluster that still point at a member for a key it no longer has (an event lost in the
 * outage) are deleted, with the same version rule. Members are never deleted in MySQL, so views are never removed.
 */
public final class SearchRebuild {

    /** What a rebuild did. {@code lastMemberId} is where a stopped run can resume ({@code --from}). */
    public record Report(long members, long written, long alreadyNewer, long staleDeleted, long lastMemberId, Duration took) {

        public double membersPerSecond() {
            return members / Math.max(0.001, took.toMillis() / 1000.0);
        }
    }

    private static final int ATTEMPTS = 30;

    private final MemberRecords records;
    private final SearchClusters clusters;

    public SearchRebuild(MemberRecords records, SearchClusters clusters) {
        this.records = records;
        this.clusters = clusters;
    }

    /**
     * @param after    rebuild members with ids greater than this (0 for all)
     * @param upTo     ... and at most this ({@link Long#MAX_VALUE} for all)
     * @param progress told after every page
     * @throws TargetUnavailableException the cluster stayed unreachable through every retry of a page
     */
    public Report run(Store cluster, long after, long upTo, int pageSize, Consumer<Report> progress)
            throws TargetUnavailableException, InterruptedException {
        SearchIndexWriter writer = new SearchIndexWriter(clusters, cluster);
        long started = System.nanoTime();
        long members = 0;
        long written = 0;
        long alreadyNewer = 0;
        long staleDeleted = 0;
        long position = after;
        while (true) {
            List<MemberRow> page = records.scanMembers(position, upTo, pageSize);
            if (page.isEmpty()) {
                break;
            }
            // Members first, bindings second: the bindings can only be as new as the member rows or newer, and a newer
            // state written under an older version is always overwritten by the newer event (never the reverse).
            List<Long> ids = page.stream().map(MemberRow::memberId).toList();
            Map<Long, List<BindingRow>> bindings = records.findBindingsOf(ids).stream()
                    .collect(Collectors.groupingBy(BindingRow::memberId));
            PageResult result = withRetries(() -> writePage(writer, cluster, page, bindings));
            staleDeleted += result.staleKeys();
            members += page.size();
            written += result.written().applied();
            alreadyNewer += result.written().alreadyNewer();
            position = page.get(page.size() - 1).memberId();
            progress.accept(new Report(members, written, alreadyNewer, staleDeleted, position, Duration.ofNanos(System.nanoTime() - started)));
            if (page.size() < pageSize) {
                break;
            }
        }
        return new Report(members, written, alreadyNewer, staleDeleted, position, Duration.ofNanos(System.nanoTime() - started));
    }

    private record PageResult(SearchIndexWriter.Written written, int staleKeys) {
    }

    private PageResult writePage(SearchIndexWriter writer, Store cluster, List<MemberRow> page,
                                 Map<Long, List<BindingRow>> bindings) throws TargetUnavailableException {
        Map<Long, List<LookupKey>> pointing = lookupKeysPointingAt(cluster, page.stream().map(MemberRow::memberId).toList());
        List<SearchIndexWriter.MemberState> states = new ArrayList<>(page.size());
        int staleKeys = 0;
        for (MemberRow row : page) {
            MemberSnapshot snapshot = ShardedMembers.snapshot(row, bindings.getOrDefault(row.memberId(), List.of()));
            Set<LookupKey> current = new HashSet<>(snapshot.lookupKeys());
            List<LookupKey> stale = pointing.getOrDefault(row.memberId(), List.of()).stream().filter(key -> !current.contains(key)).toList();
            staleKeys += stale.size();
            states.add(new SearchIndexWriter.MemberState(snapshot, row.updatedAt(), row.lastEventId(), stale));
        }
        return new PageResult(writer.write(states), staleKeys);
    }

    /** A page is retried with backoff while the cluster is unreachable (about two minutes in all), then the run stops. */
    private static <T> T withRetries(SearchIndexWriter.ClusterCall<T> call) throws TargetUnavailableException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (TargetUnavailableException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
            }
        }
    }

    /** The lookup documents of the cluster that point at these members, by member (a fan-out query: ops only). */
    private Map<Long, List<LookupKey>> lookupKeysPointingAt(Store cluster, List<Long> memberIds)
            throws TargetUnavailableException {
        List<FieldValue> values = memberIds.stream().map(id -> FieldValue.of(Long.toString(id))).toList();
        Map<Long, List<LookupKey>> keys = new HashMap<>();
        return SearchIndexWriter.call(cluster, () -> {
            List<FieldValue> searchAfter = null;
            if (!clusters.client(cluster).indices().existsAlias(a -> a.name(MemberDocuments.LOOKUP_ALIAS)).value()) {
                return keys;
            }
            while (true) {
                List<FieldValue> from = searchAfter;
                SearchResponse<MemberDocuments.Lookup> response = clusters.client(cluster).search(s -> {
                    s.index(MemberDocuments.LOOKUP_ALIAS).size(1_000)
                            .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("memberId").terms(v -> v.value(values))))))
                            .sort(o -> o.field(f -> f.field("lookupKey").order(SortOrder.Asc)));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, MemberDocuments.Lookup.class);
                List<Hit<MemberDocuments.Lookup>> hits = response.hits().hits();
                for (Hit<MemberDocuments.Lookup> hit : hits) {
                    keys.computeIfAbsent(Long.parseLong(hit.source().memberId()), id -> new ArrayList<>()).add(LookupKey.parse(hit.source().lookupKey()));
                }
                if (hits.size() < 1_000) {
                    return keys;
                }
                searchAfter = hits.get(hits.size() - 1).sort();
            }
        });
    }
}
