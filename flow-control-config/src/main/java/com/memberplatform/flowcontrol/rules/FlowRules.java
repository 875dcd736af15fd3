package com.memberplatform.flowcontrol.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.Store;
import com.memberplatform.flowcontrol.client.StrictJson;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits every API instance enforces (config document {@code flow-rules}): a global cap, a default for callers
 * without a limit of their own (each registered caller's limit is its {@code qps} in the caller registry), a limit
 * per looked-up value with per-value exceptions, and the circuit breakers of the downstream stores.
 */
public record FlowRules(@JsonProperty("enabled") boolean enabled,
                        @JsonProperty("globalQps") int globalQps,
                        @JsonProperty("unknownCallerQps") int unknownCallerQps,
                        @JsonProperty("hotKeyQps") int hotKeyQps,
                        @JsonProperty("hotKeyExceptions") List<HotKey> hotKeyExceptions,
                        @JsonProperty("degrade") Degrade degrade) {

    /**
     * The circuit breaker of every downstream store (each ES cluster, each Redis center, MySQL), per instance: open for
     * {@code openSeconds} when, within one second of at least {@code minimumCalls} calls, the failure ratio reaches
     * {@code failureRatio}, or {@code failureCount} calls fail, or the share of calls slower than
     * {@code slowCallMillis} (or the store's own entry in {@code slowCallMillisByStore}, by metric tag such as
     * {@code mysql}) reaches {@code slowRatio}; then one probe call decides.
     */
    public record Degrade(@JsonProperty("failureRatio") double failureRatio, @JsonProperty("failureCount") int failureCount,
                          @JsonProperty("slowCallMillis") int slowCallMillis,
                          @JsonProperty("slowCallMillisByStore") Map<String, Integer> slowCallMillisByStore,
                          @JsonProperty("slowRatio") double slowRatio,
                          @JsonProperty("minimumCalls") int minimumCalls, @JsonProperty("openSeconds") int openSeconds) {

        public Degrade {
            slowCallMillisByStore = Map.copyOf(Objects.requireNonNull(slowCallMillisByStore,
                    "degrade.slowCallMillisByStore is required"));
            slowCallMillisByStore.forEach((store, millis) -> {
                if (Store.byTag(store).isEmpty()) {
                    throw new IllegalArgumentException("degrade.slowCallMillisByStore: unknown store " + store + " (one of "
                            + Arrays.stream(Store.values()).map(Store::tag).toList() + ")");
                }
                positive("degrade.slowCallMillisByStore." + store, millis == null ? 0 : millis);
            });
            if (!(failureRatio > 0 && failureRatio <= 1) || !(slowRatio > 0 && slowRatio <= 1)) {
                throw new IllegalArgumentException("degrade: failureRatio and slowRatio are in (0, 1]");
            }
            positive("degrade.failureCount", failureCount);
            positive("degrade.slowCallMillis", slowCallMillis);
            positive("degrade.minimumCalls", minimumCalls);
            positive("degrade.openSeconds", openSeconds);
        }

        /** What counts as a slow call of this store. */
        public int slowCallMillis(Store store) {
            return slowCallMillisByStore.getOrDefault(store.tag(), slowCallMillis);
        }
    }

    /** A looked-up value with a limit of its own; {@code key} is the text form of a {@link LookupKey}. */
    public record HotKey(@JsonProperty("key") String key, @JsonProperty("qps") int qps) {
    }


    public FlowRules {
        positive("globalQps", globalQps);
        positive("unknownCallerQps", unknownCallerQps);
        positive("hotKeyQps", hotKeyQps);
        hotKeyExceptions = List.copyOf(Objects.requireNonNull(hotKeyExceptions, "hotKeyExceptions is required"));
        Objects.requireNonNull(degrade, "degrade is required");
        HashSet<String> keys = new HashSet<>();
        for (HotKey hot : hotKeyExceptions) {
            try {
                LookupKey.parse(hot.key());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hotKeyExceptions: " + e.getMessage());
            }
            positive("hotKeyExceptions qps", hot.qps());
            if (!keys.add(hot.key())) {
                throw new IllegalArgumentException("hotKeyExceptions: a key is listed twice");
            }
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
    }

    /** Validates a document; throws {@link IllegalArgumentException} naming what is wrong. */
    public static FlowRules parse(String json) {
        return StrictJson.parse("flow-rules", json, FlowRules.class);
    }

    /** The document shipped with the code, in force until the config Redis publishes another. */
    public static FlowRules bundled() {
        return StrictJson.bundled("flow-rules", FlowRules::parse);
    }
}
