package com.memberplatform.flowcontrol.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.search.SearchCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Which stores the readers use, switched by ops at run time (config document {@code routing}):
 * the data center whose Redis is local, the ES cluster order-flow callers read, and the one marketing callers read.
 * Marketing never reads the primary cluster: campaign spikes must not touch order traffic.
 */
public record StoreRouting(@JsonProperty("localCenter") DataCenter localCenter,
                           @JsonProperty("orderSearch") SearchCluster orderSearch,
                           @JsonProperty("marketingSearch") SearchCluster marketingSearch) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public StoreRouting {
        Objects.requireNonNull(localCenter, "localCenter is required (A or B)");
        Objects.requireNonNull(orderSearch, "orderSearch is required (PRIMARY or BACKUP)");
        Objects.requireNonNull(marketingSearch, "marketingSearch is required (MARKETING or BACKUP)");
        if (orderSearch == SearchCluster.MARKETING) {
            throw new IllegalArgumentException("orderSearch must be PRIMARY or BACKUP: the marketing cluster serves campaigns");
        }
        if (marketingSearch == SearchCluster.PRIMARY) {
            throw new IllegalArgumentException("marketingSearch must be MARKETING or BACKUP: marketing never reads the primary");
        }
    }

    /** Validates a document; throws {@link IllegalArgumentException} naming what is wrong. */
    public static StoreRouting parse(String json) {
        StoreRouting routing;
        try {
            routing = JSON.readValue(json, StoreRouting.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("routing: " + reason, e);
        }
        if (routing == null) {
            throw new IllegalArgumentException("routing: the document is empty");
        }
        return routing;
    }

    /** The document shipped with the code, in force until the config Redis publishes another. */
    public static StoreRouting bundled() {
        try (InputStream in = StoreRouting.class.getResourceAsStream("/member-config/routing.json")) {
            return parse(new String(Objects.requireNonNull(in, "member-config/routing.json").readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The other center. */
    public DataCenter remoteCenter() {
        return localCenter == DataCenter.A ? DataCenter.B : DataCenter.A;
    }
}
