package com.memberplatform.flowcontrol.client;

import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.redis.RedisEndpoints;
import com.memberplatform.stores.redis.RedisHealth;
import com.memberplatform.stores.startup.StoreHealth;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection every service keeps to the config Redis, where ops publish rules and center switches
 * (a key holding the current document and a channel announcing each change), with its health entry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisEndpoints.class)
public class ConfigRedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    @Qualifier("configRedis")
    RedissonClient configRedis(RedisEndpoints endpoints) {
        return RedisCenters.client(endpoints.config());
    }

    @Bean
    HealthIndicator configRedisHealthIndicator(@Qualifier("configRedis") RedissonClient configRedis, RedisEndpoints endpoints) {
        return StoreHealth.of(new RedisHealth(configRedis, endpoints.config()));
    }
}
