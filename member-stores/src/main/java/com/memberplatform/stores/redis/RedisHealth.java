package com.memberplatform.stores.redis;

import com.memberplatform.stores.startup.Reasons;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of one center's Redis: a PING within a second to the server, or to every node of its cluster. */
public final class RedisHealth implements HealthIndicator {

    private final RedissonClient client;
    private final String address;

    public RedisHealth(RedissonClient client, String address) {
        this.client = client;
        this.address = address;
    }

    @Override
    public Health health() {
        try {
            boolean pong = RedisCenters.nodes(address).size() > 1
                    ? client.getRedisNodes(RedisNodes.CLUSTER).pingAll(1, java.util.concurrent.TimeUnit.SECONDS)
                    : client.getRedisNodes(RedisNodes.SINGLE).pingAll(1, java.util.concurrent.TimeUnit.SECONDS);
            return pong ? Health.up().withDetail("server", address).build()
                    : Health.down().withDetail("server", address).withDetail("reason", "no PONG within 1 s").build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("server", address).withDetail("reason", Reasons.of(e)).build();
        }
    }
}
