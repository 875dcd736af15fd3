package com.memberplatform.flowcontrol.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.Store;
import org.junit.jupiter.api.Test;

class StoreRoutingTest {

    @Test
    void shouldReadTheBundledDocument() {
        StoreRouting routing = StoreRouting.bundled();

        assertThat(routing.localCenter()).isEqualTo(DataCenter.A);
        assertThat(routing.remoteCenter()).isEqualTo(DataCenter.B);
        assertThat(routing.orderSearch()).isEqualTo(Store.ES_PRIMARY);
        assertThat(routing.marketingSearch()).isEqualTo(Store.ES_MARKETING);
    }

    @Test
    void shouldAcceptASwitchToCenterBAndTheBackupCluster() {
        StoreRouting routing = StoreRouting.parse("{\"localCenter\":\"B\",\"orderSearch\":\"BACKUP\",\"marketingSearch\":\"BACKUP\"}");

        assertThat(routing).isEqualTo(new StoreRouting(DataCenter.B, Store.ES_BACKUP, Store.ES_BACKUP));
    }

    @Test
    void shouldRefuseADocumentThatWouldSendMarketingToThePrimary() {
        assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"PRIMARY\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marketing never reads the primary");
        assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"A\",\"orderSearch\":\"MARKETING\",\"marketingSearch\":\"MARKETING\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderSearch must be PRIMARY or BACKUP");
    }

    @Test
    void shouldRefuseMissingUnknownAndInvalidFields() {
        for (String unknown : new String[] {"ES_PRIMARY", "primary", "CACHE_A", "MYSQL", ""}) {
            assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"A\",\"orderSearch\":\"" + unknown
                    + "\",\"marketingSearch\":\"MARKETING\"}")).as(unknown)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no search cluster " + unknown);
        }
        assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marketingSearch is required");
        assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"C\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("routing:");
        assertThatThrownBy(() -> StoreRouting.parse("{\"localCenter\":\"A\",\"orderSearch\":\"PRIMARY\",\"marketingSearch\":\"MARKETING\","
                + "\"extra\":1}")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("routing:");
        assertThatThrownBy(() -> StoreRouting.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreRouting.parse("null")).isInstanceOf(IllegalArgumentException.class);
    }
}
