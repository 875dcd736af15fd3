package com.memberplatform.readmodel;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.Tracer;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.CircuitBreaker;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.EventObserverRegistry;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.rules.SentinelSetup;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.api.topology.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per store, on Sentinel degrade rules from the live {@code flow-rules} document: a store whose
 * calls fail (failure ratio or count) or turn slow (slow-call ratio) within a one-second window is skipped for the
 * open time, then probed with one call. What a caller does without an answer is its own fallback (the next store
 * of a read, the replay queue of a write). Each call's latency is a metric per store ({@code PREFIX.store}); a
 * breaker's change of state is a metric ({@code PREFIX.breaker}) and a log line.
 */
public final class StoreGuards implements AutoCloseable {

    static {
        SentinelSetup.logsOutOfHome();
    }

    private static final Logger log = LoggerFactory.getLogger(StoreGuards.class);

    /** What a guarded call came to: an answer (possibly "nothing there"), or no answer from this store. */
    public record Attempt<T>(boolean answered, T value) {

        public static <T> Attempt<T> of(T value) {
            return new Attempt<>(true, value);
        }

        public static <T> Attempt<T> none() {
            return new Attempt<>(false, null);
        }
    }

    /** A call to a store. */
    public interface StoreCall<T> {
        T call() throws Exception;
    }

    private final Set<Store> stores;
    /** Sentinel keeps one observer per name for the whole JVM: each instance (application context) has its own. */
    private final String observer;
    private final Map<Store, Timer> latency = new EnumMap<>(Store.class);
    private final Map<Store, Counter> failures = new EnumMap<>(Store.class);
    private final Map<Store, AtomicInteger> states = new EnumMap<>(Store.class);

    /** Breakers for these stores, with metrics under {@code metricPrefix} (e.g. {@code member.query}). */
    public StoreGuards(String metricPrefix, Set<Store> stores, LiveDocument<FlowRules> rules, MeterRegistry meters) {
        this.stores = Set.copyOf(stores);
        for (Store store : this.stores) {
            latency.put(store, Timer.builder(metricPrefix + ".store").description("latency of a call per store").tag("store", store.tag())
                    .publishPercentiles(0.5, 0.99).register(meters));
            failures.put(store, Counter.builder(metricPrefix + ".store.failures").tag("store", store.tag()).register(meters));
            AtomicInteger state = new AtomicInteger();
            states.put(store, state);
            Gauge.builder(metricPrefix + ".breaker", state, AtomicInteger::get)
                    .description("circuit breaker per store: 0 closed, 1 open, 2 half-open").tag("store", store.tag()).register(meters);
        }
        load(rules.current().degrade());
        rules.onChange(changed -> load(changed.degrade()));
        observer = metricPrefix + ".breakers@" + Integer.toHexString(System.identityHashCode(this));
        EventObserverRegistry.getInstance().addStateChangeObserver(observer, (previous, next, rule, value) -> {
            for (Store store : this.stores) {
                if (store.resource().equals(rule.getResource())) {
                    states.get(store).set(next == CircuitBreaker.State.OPEN ? 1 : next == CircuitBreaker.State.HALF_OPEN ? 2 : 0);
                    if (next == CircuitBreaker.State.OPEN) {
                        log.warn("breaker of {} opened ({} rule, value {}): calls take the fallback", store.tag(),
                                rule.getGrade() == RuleConstant.DEGRADE_GRADE_RT ? "slow-call"
                                        : rule.getGrade() == RuleConstant.DEGRADE_GRADE_EXCEPTION_COUNT ? "failure-count" : "failure-ratio", value);
                    } else {
                        log.info("breaker of {} is {}", store.tag(), next.name().toLowerCase());
                    }
                }
            }
        });
    }

    /** Three degrade rules per store, from the live {@code flow-rules} document: failure ratio, failure count, slow calls. */
    private void load(FlowRules.Degrade degrade) {
        List<DegradeRule> rules = new ArrayList<>();
        for (Store store : stores) {
            rules.add(rule(store, RuleConstant.DEGRADE_GRADE_EXCEPTION_RATIO, degrade.failureRatio(), degrade));
            rules.add(rule(store, RuleConstant.DEGRADE_GRADE_EXCEPTION_COUNT, degrade.failureCount(), degrade));
            rules.add(rule(store, RuleConstant.DEGRADE_GRADE_RT, degrade.slowCallMillis(store), degrade)
                    .setSlowRatioThreshold(degrade.slowRatio()));
        }
        DegradeRuleManager.loadRules(rules);
    }

    private static DegradeRule rule(Store store, int grade, double count, FlowRules.Degrade degrade) {
        return new DegradeRule(store.resource()).setGrade(grade).setCount(count).setMinRequestAmount(degrade.minimumCalls())
                .setStatIntervalMs(1_000).setTimeWindow(degrade.openSeconds());
    }

    /** Calls the store unless its breaker is open; a failure is counted against the store and gives no answer. */
    public <T> Attempt<T> call(Store store, StoreCall<T> call) {
        return call(store, call, failure -> true);
    }

    /**
     * Calls the store unless its breaker is open. An exception {@code isStoreFailure} accepts is counted against the
     * store and gives no answer; any other (a refusal of the request itself) is thrown on, unwrapped when unchecked.
     */
    public <T> Attempt<T> call(Store store, StoreCall<T> call, Predicate<Throwable> isStoreFailure) {
        Entry entry;
        try {
            entry = SphU.entry(store.resource());
        } catch (BlockException open) {
            return Attempt.none();
        }
        long started = System.nanoTime();
        try {
            T value = call.call();
            latency.get(store).record(Duration.ofNanos(System.nanoTime() - started));
            return Attempt.of(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Tracer.traceEntry(e, entry);
            return Attempt.none();
        } catch (Exception e) {
            if (!isStoreFailure.test(e)) {
                throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e);
            }
            Tracer.traceEntry(e, entry);
            failures.get(store).increment();
            log.debug("{} failed: {}", store.tag(), e.getClass().getSimpleName());
            return Attempt.none();
        } finally {
            entry.exit();
        }
    }

    @Override
    public void close() {
        EventObserverRegistry.getInstance().removeStateChangeObserver(observer);
    }
}
