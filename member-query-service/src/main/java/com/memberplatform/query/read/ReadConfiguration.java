package com.memberplatform.query.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.routing.StoreRoutingConfiguration;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.SearchClusters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The read path and its breakers ({@code member.query.*}). */
@Configuration(proxyBeanMethods = false)
@Import(StoreRoutingConfiguration.class)
public class ReadConfiguration {

    @Bean
    StoreGuards storeGuards(@Value("${member.query.breaker.failure-ratio:0.5}") double failureRatio,
                            @Value("${member.query.breaker.slow-call:300ms}") Duration slowCall,
                            @Value("${member.query.breaker.slow-ratio:0.8}") double slowRatio,
                            @Value("${member.query.breaker.minimum-calls:5}") int minimumCalls,
                            @Value("${member.query.breaker.open-for:5s}") Duration openFor, MeterRegistry meters) {
        return new StoreGuards(new StoreGuards.Settings(failureRatio, slowCall, slowRatio, minimumCalls, openFor), meters);
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
        return new MemberReader(centers, search, mysql, guards, storeRouting, json, ttl, meters);
    }
}
