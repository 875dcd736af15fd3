package com.memberplatform.flowcontrol.client;

import com.memberplatform.flowcontrol.callers.CallerRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The caller registry, followed live: the bundled document until the config Redis publishes another. */
@Configuration(proxyBeanMethods = false)
@Import(ConfigRedisConfiguration.class)
public class CallerRegistryConfiguration {

    public static final ConfigChannel CALLERS = new ConfigChannel("callers");

    @Bean(destroyMethod = "close")
    LiveDocument<CallerRegistry> callerRegistry(@Qualifier("configRedis") RedissonClient configRedis) {
        return LiveDocument.follow(configRedis, CALLERS, CallerRegistry::parse, CallerRegistry.bundled());
    }
}
