package com.memberplatform.sync.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
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
import com.memberplatform.sync.SyncApplication;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.RunningService;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild command, run as operators run it (deploy/ops/member-ops.sh rebuild), against the real stack while the
 * live consumers of this context keep replicating and a writer keeps writing.
 */
@WithLocalStack
@SpringBootTest(classes = SyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildIT {

    @RegisterExtension
    static final RunningService WRITER = RunningService.of("member-write-service", "--member.commands.consumer.enabled=false");

    private static WriteApi api() {
        return WRITER.asOrderCaller();
    }


    @Autowired
    SearchClusters clusters;
    @Autowired
    MemberRecords records;
    @Autowired
    DataSource sharded;

    private static String register() {
        WriteApi.Answer answer = api().post("/api/v1/members", "{\"mobile\":\"" + WriteApi.freshMobile() + "\",\"platform\":\"WECHAT\","
                + "\"firstAccount\":" + WriteApi.openid("wxminiapp0001", WriteApi.freshWeChatId("oRb"), WriteApi.freshWeChatId("uRb")) + "}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.memberId();
    }

    private static void changeMobile(String member) {
        WriteApi.Answer answer = api().put("/api/v1/members/" + member + "/mobile", "{\"mobile\":\"" + WriteApi.freshMobile() + "\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }

    @Test
    void shouldMakeAWipedClusterEqualToMySqlWhileWritesContinue(LocalStack stack) throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(register());
        }
        members.subList(0, 5).forEach(RebuildIT::changeMobile);

        wipe(Store.ES_MARKETING);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (writing.get()) {
                String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                if (writes.get() % 2 == 0) {
                    changeMobile(member);
                } else {
                    register();
                }
                writes.incrementAndGet();
                try {
                    Thread.sleep(100); // a steady trickle, not a flood that starves the rebuild of CPU
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.start();
        LocalStack.OpsRun rebuild;
        int writesBefore;
        try {
            // Let writes land on the wiped cluster first, then rebuild in small pages while they go on.
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() >= 5);
            writesBefore = writes.get();
            rebuild = rebuild(stack, "--cluster=marketing", "--page=50");
        } finally {
            writing.set(false);
            load.join();
        }

        assertThat(rebuild.exit()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("rebuilding marketing from MySQL").contains("done");
        assertThat(writes.get()).as("writes went on during the rebuild").isGreaterThan(writesBefore);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(differences(Store.ES_MARKETING)).isEmpty());
    }

    @Test
    void shouldRebuildOnlyTheRangeAskedForAndDropKeysAMemberNoLongerHas(LocalStack stack) throws Exception {
        // Two members whose events were lost (an outage longer than the MQ retention): they exist in MySQL only, and
        // the backup cluster still holds a lookup document for a mobile the first one gave up meanwhile.
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        long second = first + 1;
        String firstMobile = WriteApi.freshMobile();
        insertMember(first, firstMobile, 3, 1_000_000);
        insertMember(second, WriteApi.freshMobile(), 1, 1_000_001);
        LookupKey oldMobile = LookupKey.mobile(WriteApi.freshMobile());
        String oldMobileKey = oldMobile.toString();
        clusters.client(Store.ES_BACKUP).index(i -> i.index(MemberDocuments.LOOKUP_ALIAS).id(oldMobileKey).routing(oldMobileKey)
                .version(999_999L).versionType(VersionType.External)
                .document(new MemberDocuments.Lookup(oldMobileKey, "MOBILE", Long.toString(first), 2)));

        LocalStack.OpsRun rebuild = rebuild(stack, "--cluster=backup", "--from=" + first, "--to=" + first);

        assertThat(rebuild.exit()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("1 members").contains("1 stale keys removed");
        assertThat(viewVersion(Store.ES_BACKUP, first)).isEqualTo(3);
        assertThat(lookupOwner(Store.ES_BACKUP, LookupKey.mobile(firstMobile))).isEqualTo(Long.toString(first));
        assertThat(lookupOwner(Store.ES_BACKUP, oldMobile)).as("the key the member gave up").isNull();
        assertThat(viewVersion(Store.ES_BACKUP, second)).as("outside the range").isZero();

        assertThat(rebuild(stack, "--cluster=backup", "--from=" + second, "--to=" + second).exit()).isZero();
        assertThat(viewVersion(Store.ES_BACKUP, second)).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadArgumentsWithUsage(LocalStack stack) throws Exception {
        LocalStack.OpsRun noCluster = rebuild(stack, "--cluster=nowhere");
        assertThat(noCluster.exit()).isEqualTo(2);
        assertThat(noCluster.output()).contains("usage: rebuild --cluster=primary|backup|marketing");
        assertThat(rebuild(stack, "--cluster=primary", "--from=10", "--to=9").exit()).isEqualTo(2);
    }

    private void insertMember(long memberId, String mobile, long version, long lastEventId) {
        new JdbcTemplate(sharded).update("INSERT INTO member (member_id, mobile, display_name, registered_platform, status, version, "
                + "last_event_id, created_at, updated_at) VALUES (?, ?, 'Lost', 'TRAVEL_APP', 'ACTIVE', ?, ?, NOW(3), NOW(3))",
                memberId, mobile, version, lastEventId);
    }

    private static LocalStack.OpsRun rebuild(LocalStack stack, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "rebuild";
        System.arraycopy(args, 0, all, 1, args.length);
        return stack.ops("member-ops.sh", all);
    }

    /** Deletes the member indices and templates of a cluster, as a lost cluster would come back. */
    private void wipe(Store cluster) throws IOException {
        var rest = clusters.restClient(cluster);
        rest.performRequest(new Request("DELETE", "/" + MemberDocuments.VIEW_INDEX + "," + MemberDocuments.LOOKUP_INDEX));
        rest.performRequest(new Request("DELETE", "/_index_template/member-view,member-lookup"));
    }

    private long viewVersion(Store cluster, long memberId) throws IOException {
        var doc = clusters.client(cluster).get(g -> g.index(MemberDocuments.VIEW_ALIAS).id(Long.toString(memberId))
                .routing(Long.toString(memberId)), MemberDocuments.View.class);
        return doc.found() ? doc.source().version() : 0;
    }

    private String lookupOwner(Store cluster, LookupKey lookupKey) throws IOException {
        String key = lookupKey.toString();
        var doc = clusters.client(cluster).get(g -> g.index(MemberDocuments.LOOKUP_ALIAS).id(key).routing(key), MemberDocuments.Lookup.class);
        return doc.found() ? doc.source().memberId() : null;
    }

    /**
     * Every way the cluster differs from MySQL: a member without its view, or with another version, mobile or set of
     * accounts; a view of no member; a lookup key no member has, or a member's key without its lookup document, or
     * one pointing at a member that does not have the key. (Anomalies seeded by other tests can give two members one
     * key: either owner is accepted then.)
     */
    private List<String> differences(Store cluster) throws IOException {
        Map<Long, MemberSnapshot> mysql = new TreeMap<>();
        long after = 0;
        for (List<MemberRow> page; !(page = records.scanMembers(after, Long.MAX_VALUE, 1_000)).isEmpty(); after = page.get(page.size() - 1).memberId()) {
            Map<Long, List<BindingRow>> bindings = records.findBindingsOf(page.stream().map(MemberRow::memberId).toList()).stream()
                    .collect(Collectors.groupingBy(BindingRow::memberId));
            page.forEach(row -> mysql.put(row.memberId(),
                    ShardedMembers.snapshot(row, bindings.getOrDefault(row.memberId(), List.of()))));
        }
        Map<String, Set<String>> holders = new HashMap<>();
        mysql.values().forEach(snapshot -> MemberDocuments.lookups(snapshot).forEach(lookup ->
                holders.computeIfAbsent(lookup.lookupKey(), key -> new HashSet<>()).add(lookup.memberId())));

        clusters.restClient(cluster).performRequest(new Request("POST", "/" + MemberDocuments.VIEW_ALIAS + ","
                + MemberDocuments.LOOKUP_ALIAS + "/_refresh"));
        Map<String, MemberDocuments.View> views = scan(cluster, MemberDocuments.VIEW_ALIAS, "memberId", MemberDocuments.View.class,
                MemberDocuments.View::memberId);
        Map<String, MemberDocuments.Lookup> lookups = scan(cluster, MemberDocuments.LOOKUP_ALIAS, "lookupKey",
                MemberDocuments.Lookup.class, MemberDocuments.Lookup::lookupKey);

        List<String> differences = new ArrayList<>();
        for (MemberSnapshot member : mysql.values()) {
            MemberDocuments.View view = views.remove(Long.toString(member.memberId()));
            MemberDocuments.View expected = MemberDocuments.view(member, null);
            if (view == null) {
                differences.add("no view of member " + member.memberId());
            } else if (view.version() != expected.version() || !view.mobile().equals(expected.mobile())
                    || !Set.copyOf(view.accountKeys()).equals(Set.copyOf(expected.accountKeys()))) {
                differences.add("member " + member.memberId() + " is at version " + view.version() + ", MySQL at " + expected.version());
            }
        }
        views.keySet().forEach(member -> differences.add("a view of member " + member + " who is not in MySQL"));
        holders.forEach((key, members) -> {
            MemberDocuments.Lookup lookup = lookups.remove(key);
            if (lookup == null) {
                differences.add("no lookup document for a key of member(s) " + members);
            } else if (!members.contains(lookup.memberId())) {
                differences.add("a key of " + members + " points at member " + lookup.memberId());
            }
        });
        lookups.values().forEach(lookup -> differences.add("a lookup key of no member, pointing at " + lookup.memberId()));
        assertThat(mysql).as("MySQL has members to compare").isNotEmpty();
        return differences.size() > 20 ? differences.subList(0, 20) : differences;
    }

    private <T> Map<String, T> scan(Store cluster, String alias, String sortField, Class<T> type, Function<T, String> id)
            throws IOException {
        Map<String, T> all = new HashMap<>();
        List<FieldValue> searchAfter = null;
        while (true) {
            List<FieldValue> from = searchAfter;
            SearchResponse<T> page = clusters.client(cluster).search(s -> {
                s.index(alias).size(1_000).sort(o -> o.field(f -> f.field(sortField).order(SortOrder.Asc)));
                return from == null ? s : s.searchAfter(from);
            }, type);
            List<Hit<T>> hits = page.hits().hits();
            hits.forEach(hit -> all.put(id.apply(hit.source()), hit.source()));
            if (hits.size() < 1_000) {
                return all;
            }
            searchAfter = hits.get(hits.size() - 1).sort();
        }
    }
}
