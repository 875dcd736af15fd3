package com.memberplatform.write.mq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.messaging.Producers;
import com.memberplatform.stores.messaging.RocketMqEndpoints;
import com.memberplatform.readmodel.StoreGuards;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import org.apache.rocketmq.client.exception.MQClientException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MySQL's breaker for writes (metrics {@code member.write.store*}, {@code member.write.breaker}) and the replay queue. */
@Configuration(proxyBeanMethods = false)
public class ReplayQueueConfiguration {

    @Bean
    StoreGuards storeGuards(LiveDocument<FlowRules> flowRules, MeterRegistry meters) {
        return new StoreGuards("member.write", EnumSet.of(Store.MYSQL), flowRules, meters);
    }

    @Bean(destroyMethod = "close")
    ReplayQueue replayQueue(RocketMqEndpoints endpoints, ObjectMapper json, MeterRegistry meters) throws MQClientException {
        return new ReplayQueue(Producers.start(endpoints, "member-write-replay"), json, meters);
    }
}
