package com.memberplatform.flowcontrol.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The limits every API instance enforces (config document {@code flow-rules}): a global cap, a default for callers
 * without a limit of their own (each registered caller's limit is its {@code qps} in the caller registry), and a
 * limit per looked-up value with per-value exceptions.
 */
public record FlowRules(@JsonProperty("enabled") boolean enabled,
                        @JsonProperty("globalQps") int globalQps,
                        @JsonProperty("unknownCallerQps") int unknownCallerQps,
                        @JsonProperty("hotKeyQps") int hotKeyQps,
                        @JsonProperty("hotKeyExceptions") List<HotKey> hotKeyExceptions) {

    /** A looked-up value with a limit of its own. */
    public record HotKey(@JsonProperty("key") String key, @JsonProperty("qps") int qps) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public FlowRules {
        positive("globalQps", globalQps);
        positive("unknownCallerQps", unknownCallerQps);
        positive("hotKeyQps", hotKeyQps);
        hotKeyExceptions = List.copyOf(Objects.requireNonNull(hotKeyExceptions, "hotKeyExceptions is required"));
        HashSet<String> keys = new HashSet<>();
        for (HotKey hot : hotKeyExceptions) {
            if (hot.key() == null || !hot.key().matches("(id|mobile|account):.+")) {
                throw new IllegalArgumentException("hotKeyExceptions: a key is id:N, mobile:+E164 or account:...");
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
        FlowRules rules;
        try {
            rules = JSON.readValue(json, FlowRules.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("flow-rules: " + reason, e);
        }
        if (rules == null) {
            throw new IllegalArgumentException("flow-rules: the document is empty");
        }
        return rules;
    }

    /** The document shipped with the code, in force until the config Redis publishes another. */
    public static FlowRules bundled() {
        try (InputStream in = FlowRules.class.getResourceAsStream("/member-config/flow-rules.json")) {
            return parse(new String(Objects.requireNonNull(in, "member-config/flow-rules.json").readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
