package com.memberplatform.flowcontrol.routing;

import com.memberplatform.flowcontrol.client.ConfigChannel;
import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.flowcontrol.client.LiveDocument;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The store routing, followed live: the bundled document until the config Redis publishes another. */
@Configuration(proxyBeanMethods = false)
@Import(ConfigRedisConfiguration.class)
public class StoreRoutingConfiguration {

    public static final ConfigChannel ROUTING = new ConfigChannel("routing");

    @Bean(destroyMethod = "close")
    LiveDocument<StoreRouting> storeRouting(@Qualifier("configRedis") RedissonClient configRedis) {
        return LiveDocument.follow(configRedis, ROUTING, StoreRouting::parse, StoreRouting.bundled());
    }
}
