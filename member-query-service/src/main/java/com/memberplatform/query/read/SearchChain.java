package com.memberplatform.query.read;

import com.memberplatform.api.topology.Store;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * "Ask this cluster, else the next": each call goes to the clusters of a route in order, through each one's breaker,
 * until one answers. A cluster that answers "nothing there" ends the chain like any other answer; only a cluster that
 * gives no answer (down, failing, breaker open) passes the call on, and counts a fallback
 * ({@code member.query.fallback}, from and to, {@code mysql} after the last cluster).
 */
final class SearchChain {

    /** A call to one cluster. */
    interface ClusterCall<T> {
        T call(Store cluster) throws Exception;
    }

    /** The breaker a call to a store goes through: {@link StoreGuards#call(Store, StoreGuards.StoreCall)}. */
    interface Guard {
        <T> StoreGuards.Attempt<T> call(Store store, StoreGuards.StoreCall<T> call);
    }

    /** What the first cluster to answer said, and which store it was. */
    record Answer<T>(T value, Store source) {
    }

    private final Guard guard;
    private final MeterRegistry meters;

    SearchChain(Guard guard, MeterRegistry meters) {
        this.guard = guard;
        this.meters = meters;
    }

    /** The first answer in the order of {@code clusters}; null when none answered. */
    <T> Answer<T> first(List<Store> clusters, ClusterCall<T> call) {
        for (int i = 0; i < clusters.size(); i++) {
            Store cluster = clusters.get(i);
            StoreGuards.Attempt<T> attempt = guard.call(cluster, () -> call.call(cluster));
            if (attempt.answered()) {
                return new Answer<>(attempt.value(), cluster);
            }
            Store next = i + 1 < clusters.size() ? clusters.get(i + 1) : Store.MYSQL;
            Counter.builder("member.query.fallback").tag("from", cluster.tag()).tag("to", next.tag()).register(meters).increment();
        }
        return null;
    }
}
