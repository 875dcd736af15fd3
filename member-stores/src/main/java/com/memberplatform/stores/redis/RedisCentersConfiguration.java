package com.memberplatform.stores.redis;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.startup.StoreHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The caches of both centers for a service, with a health entry per center. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisEndpoints.class)
public class RedisCentersConfiguration {

    @Bean(destroyMethod = "close")
    RedisCenters redisCenters(RedisEndpoints endpoints) {
        return RedisCenters.connect(endpoints);
    }

    @Bean
    HealthContributor redis(RedisCenters centers, RedisEndpoints endpoints) {
        Map<String, HealthIndicator> servers = new LinkedHashMap<>();
        servers.put("centerA", new RedisHealth(centers.center(DataCenter.A), endpoints.a()));
        servers.put("centerB", new RedisHealth(centers.center(DataCenter.B), endpoints.b()));
        return StoreHealth.of(servers);
    }
}
