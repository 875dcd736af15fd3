package com.memberplatform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.flowcontrol.callers.CallerClass;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.api.topology.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadRouteTest {

    private static final StoreRouting BUNDLED = new StoreRouting(DataCenter.A, Store.ES_PRIMARY, Store.ES_MARKETING);

    @Test
    void shouldSendOrderTrafficToThePrimaryThenTheBackupThenMysql() {
        assertThat(ReadRoute.of(BUNDLED, CallerClass.ORDER).stores())
                .containsExactly(Store.CACHE_A, Store.ES_PRIMARY, Store.ES_BACKUP, Store.MYSQL);
        assertThat(ReadRoute.of(BUNDLED, CallerClass.OPS).stores())
                .containsExactly(Store.CACHE_A, Store.ES_PRIMARY, Store.ES_BACKUP, Store.MYSQL);
    }

    @Test
    void shouldSendMarketingAndBatchTrafficToTheMarketingClusterThenTheBackup() {
        assertThat(ReadRoute.of(BUNDLED, CallerClass.MARKETING).stores())
                .containsExactly(Store.CACHE_A, Store.ES_MARKETING, Store.ES_BACKUP, Store.MYSQL);
        assertThat(ReadRoute.of(BUNDLED, CallerClass.BATCH).stores())
                .containsExactly(Store.CACHE_A, Store.ES_MARKETING, Store.ES_BACKUP, Store.MYSQL);
    }

    @Test
    void shouldFollowACenterSwitchAndFallBackToTheClusterThatIsNoLongerFirst() {
        StoreRouting switched = new StoreRouting(DataCenter.B, Store.ES_BACKUP, Store.ES_BACKUP);

        assertThat(ReadRoute.of(switched, CallerClass.ORDER).stores())
                .containsExactly(Store.CACHE_B, Store.ES_BACKUP, Store.ES_PRIMARY, Store.MYSQL);
        assertThat(ReadRoute.of(switched, CallerClass.MARKETING).stores())
                .containsExactly(Store.CACHE_B, Store.ES_BACKUP, Store.ES_MARKETING, Store.MYSQL);
    }

    @ParameterizedTest
    @EnumSource(CallerClass.class)
    void shouldNeverLetMarketingTrafficReachThePrimaryWhateverTheRouting(CallerClass callerClass) {
        for (DataCenter center : DataCenter.values()) {
            for (Store order : new Store[] {Store.ES_PRIMARY, Store.ES_BACKUP}) {
                for (Store marketing : new Store[] {Store.ES_MARKETING, Store.ES_BACKUP}) {
                    ReadRoute route = ReadRoute.of(new StoreRouting(center, order, marketing), callerClass);
                    boolean campaign = callerClass == CallerClass.MARKETING || callerClass == CallerClass.BATCH;
                    assertThat(route.clusters()).hasSize(2).doesNotHaveDuplicates();
                    if (campaign) {
                        assertThat(route.clusters()).doesNotContain(Store.ES_PRIMARY);
                    }
                    assertThat(route.cache()).isEqualTo(Store.cache(center));
                }
            }
        }
    }
}
