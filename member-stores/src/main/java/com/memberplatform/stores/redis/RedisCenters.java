package com.memberplatform.stores.redis;

import com.memberplatform.api.topology.DataCenter;
import java.util.EnumMap;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One Redisson client per center. Writes (deletes) go to both centers, reads to the local one; which is local is
 * decided by the caller, from live configuration. Clients connect lazily, so a service starts while a center's
 * Redis is down and uses it once it is back.
 */
public final class RedisCenters implements AutoCloseable {

    private final Map<DataCenter, RedissonClient> clients;

    private RedisCenters(Map<DataCenter, RedissonClient> clients) {
        this.clients = clients;
    }

    public static RedisCenters connect(RedisEndpoints endpoints) {
        Map<DataCenter, RedissonClient> clients = new EnumMap<>(DataCenter.class);
        clients.put(DataCenter.A, client(endpoints.a()));
        clients.put(DataCenter.B, client(endpoints.b()));
        return new RedisCenters(clients);
    }

    /** A Redisson client that fails fast: a cache that answers late is worse than a miss. */
    public static RedissonClient client(String address) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.useSingleServer()
                .setAddress(address)
                .setConnectTimeout(1_000)
                .setTimeout(500)
                .setRetryAttempts(1)
                .setRetryDelay(attempt -> java.time.Duration.ofMillis(100))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(16)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setPingConnectionInterval(5_000);
        return Redisson.create(config);
    }

    public RedissonClient center(DataCenter center) {
        return clients.get(center);
    }

    @Override
    public void close() {
        clients.values().forEach(RedissonClient::shutdown);
    }
}
