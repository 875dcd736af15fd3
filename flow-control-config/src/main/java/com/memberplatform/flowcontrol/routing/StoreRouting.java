package com.memberplatform.flowcontrol.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.memberplatform.flowcontrol.client.StrictJson;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.Store;
import java.util.Objects;

/**
 * Which stores the readers use, switched by ops at run time (config document {@code routing}):
 * the data center whose Redis is local, the ES cluster order-flow callers read, and the one marketing callers read.
 * Marketing never reads the primary cluster: campaign spikes must not touch order traffic.
 */
public record StoreRouting(DataCenter localCenter, Store orderSearch, Store marketingSearch) {

    public StoreRouting {
        Objects.requireNonNull(localCenter, "localCenter is required (A or B)");
        Objects.requireNonNull(orderSearch, "orderSearch is required (PRIMARY or BACKUP)");
        Objects.requireNonNull(marketingSearch, "marketingSearch is required (MARKETING or BACKUP)");
        if (orderSearch.kind() != Store.Kind.SEARCH || marketingSearch.kind() != Store.Kind.SEARCH) {
            throw new IllegalArgumentException("orderSearch and marketingSearch name search clusters");
        }
        if (orderSearch == Store.ES_MARKETING) {
            throw new IllegalArgumentException("orderSearch must be PRIMARY or BACKUP: the marketing cluster serves campaigns");
        }
        if (marketingSearch == Store.ES_PRIMARY) {
            throw new IllegalArgumentException("marketingSearch must be MARKETING or BACKUP: marketing never reads the primary");
        }
    }

    /** The document's form: search clusters by {@linkplain Store#clusterName() name} ({@code PRIMARY}, ...). */
    @JsonCreator
    static StoreRouting read(@JsonProperty("localCenter") DataCenter localCenter, @JsonProperty("orderSearch") String orderSearch,
                             @JsonProperty("marketingSearch") String marketingSearch) {
        return new StoreRouting(localCenter, orderSearch == null ? null : Store.searchCluster(orderSearch),
                marketingSearch == null ? null : Store.searchCluster(marketingSearch));
    }

    /** Validates a document; throws {@link IllegalArgumentException} naming what is wrong. */
    public static StoreRouting parse(String json) {
        return StrictJson.parse("routing", json, StoreRouting.class);
    }

    /** The document shipped with the code, in force until the config Redis publishes another. */
    public static StoreRouting bundled() {
        return StrictJson.bundled("routing", StoreRouting::parse);
    }

    /** The other center. */
    public DataCenter remoteCenter() {
        return localCenter == DataCenter.A ? DataCenter.B : DataCenter.A;
    }
}
