package com.memberplatform.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.Store;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.readmodel.ReadRoute;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fallback order of the read path, for every routing document, caller class and set of clusters that give no
 * answer: the clusters are asked in the route's order, the first to answer (even "nothing there") ends the chain,
 * and each cluster passed over counts one fallback to the next store (MySQL after the last cluster).
 */
class SearchChainTest {

    private static final Store[] ORDER_CLUSTERS = {Store.ES_PRIMARY, Store.ES_BACKUP};
    private static final Store[] MARKETING_CLUSTERS = {Store.ES_MARKETING, Store.ES_BACKUP};

    @Test
    void shouldAskTheRoutesClustersInOrderUntilOneAnswersWhateverTheRoutingAndTheOutages() {
        int cases = 0;
        for (DataCenter center : DataCenter.values()) {
            for (Store order : ORDER_CLUSTERS) {
                for (Store marketing : MARKETING_CLUSTERS) {
                    for (CallerClass callerClass : CallerClass.values()) {
                        ReadRoute route = ReadRoute.of(new StoreRouting(center, order, marketing), callerClass);
                        for (Set<Store> silent : subsetsOf(route.clusters())) {
                            for (boolean nothingThere : new boolean[] {false, true}) {
                                check(route.clusters(), silent, nothingThere);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(DataCenter.values().length * 2 * 2 * CallerClass.values().length * 4 * 2);
    }

    @Test
    void shouldNotFallBackWhenTheFirstClusterSaysNobodyHasTheKey() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Store> asked = new ArrayList<>();
        SearchChain chain = new SearchChain(new Outages(Set.of()), meters);

        SearchChain.Answer<String> answer = chain.first(List.of(Store.ES_MARKETING, Store.ES_BACKUP), cluster -> {
            asked.add(cluster);
            return null;
        });

        assertThat(answer).isEqualTo(new SearchChain.Answer<String>(null, Store.ES_MARKETING));
        assertThat(asked).containsExactly(Store.ES_MARKETING);
        assertThat(meters.find("member.query.fallback").counters()).isEmpty();
    }

    private static void check(List<Store> clusters, Set<Store> silent, boolean nothingThere) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Store> asked = new ArrayList<>();
        SearchChain chain = new SearchChain(new Outages(silent), meters);

        SearchChain.Answer<String> answer = chain.first(clusters, cluster -> {
            asked.add(cluster);
            return nothingThere ? null : "from " + cluster.tag();
        });

        Store expected = clusters.stream().filter(cluster -> !silent.contains(cluster)).findFirst().orElse(null);
        String situation = clusters + " silent " + silent;
        if (expected == null) {
            assertThat(answer).as(situation).isNull();
        } else {
            assertThat(answer).as(situation).isEqualTo(new SearchChain.Answer<>(nothingThere ? null : "from " + expected.tag(), expected));
        }
        List<Store> reached = clusters.subList(0, expected == null ? clusters.size() : clusters.indexOf(expected) + 1);
        assertThat(asked).as(situation).containsExactlyElementsOf(reached.stream().filter(cluster -> !silent.contains(cluster)).toList());
        for (int i = 0; i < clusters.size(); i++) {
            Store from = clusters.get(i);
            Store to = i + 1 < clusters.size() ? clusters.get(i + 1) : Store.MYSQL;
            Counter fallback = meters.find("member.query.fallback").tag("from", from.tag()).tag("to", to.tag()).counter();
            double expectedCount = reached.contains(from) && silent.contains(from) ? 1 : 0;
            assertThat(fallback == null ? 0 : fallback.count()).as(situation + " fallback from " + from.tag()).isEqualTo(expectedCount);
        }
    }

    private static List<Set<Store>> subsetsOf(List<Store> clusters) {
        List<Set<Store>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << clusters.size(); mask++) {
            Set<Store> subset = EnumSet.noneOf(Store.class);
            for (int i = 0; i < clusters.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(clusters.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }

    /** A breaker that gives no answer for the stores it is told are down and calls the others. */
    private record Outages(Set<Store> down) implements SearchChain.Guard {
        @Override
        public <T> StoreGuards.Attempt<T> call(Store store, StoreGuards.StoreCall<T> call) {
            if (down.contains(store)) {
                return StoreGuards.Attempt.none();
            }
            try {
                return StoreGuards.Attempt.of(call.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
