package com.memberplatform.query.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.topology.LocalCenter;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.readmodel.ReadRoute;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.routing.StoreRoutingConfiguration;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.SearchClusters;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The read path and its breakers (thresholds in the live {@code flow-rules} document; cache TTL {@code member.query.cache.ttl}). */
@Configuration(proxyBeanMethods = false)
@Import(StoreRoutingConfiguration.class)
public class ReadConfiguration {

    @Bean
    StoreGuards storeGuards(LiveDocument<FlowRules> flowRules, MeterRegistry meters) {
        return new StoreGuards("member.query", EnumSet.allOf(Store.class), flowRules, meters);
    }

    /** Cache and MySQL replica reads follow the live {@code routing} document's local center together. */
    @Bean
    LocalCenter localCenter(LiveDocument<StoreRouting> storeRouting) {
        return ReadRoute.localCenter(storeRouting);
    }

    @Bean
    SearchReads searchReads(SearchClusters clusters) {
        return new ElasticsearchReads(clusters);
    }

    @Bean
    MysqlReads mysqlReads(MemberRecords records) {
        return new MysqlReads(records);
    }

    @Bean
    MemberReader memberReader(RedisCenters centers, SearchReads search, MysqlReads mysql, StoreGuards guards,
                              LiveDocument<StoreRouting> storeRouting, ObjectMapper json,
                              @Value("${member.query.cache.ttl:30m}") Duration ttl, MeterRegistry meters) {
        return new MemberReader(new CachedMembers(centers, guards, json, ttl, meters), search, mysql, guards, storeRouting, meters);
    }
}
