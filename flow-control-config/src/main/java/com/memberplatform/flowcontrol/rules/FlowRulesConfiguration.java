package com.memberplatform.flowcontrol.rules;

import com.memberplatform.flowcontrol.client.ConfigChannel;
import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.flowcontrol.client.LiveDocument;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The flow rules, followed live: the bundled document until the config Redis publishes another. */
@Configuration(proxyBeanMethods = false)
@Import(ConfigRedisConfiguration.class)
public class FlowRulesConfiguration {

    public static final ConfigChannel FLOW_RULES = new ConfigChannel("flow-rules");

    @Bean(destroyMethod = "close")
    LiveDocument<FlowRules> flowRules(@Qualifier("configRedis") RedissonClient configRedis) {
        return LiveDocument.follow(configRedis, FLOW_RULES, FlowRules::parse, FlowRules.bundled());
    }
}
