package com.memberplatform.stores.redis;

import com.memberplatform.api.topology.DataCenter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

/**
 * One Redisson client per center (a single server or a Redis Cluster). Writes (deletes) go to both centers, reads to the local one; which is local is
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

    /**
     * A Redisson client that fails fast: a cache that answers late is worse than a miss. {@code address} is one
     * {@code redis://} URI (a single server) or several, comma-separated (the seed nodes of a Redis Cluster).
     */
    public static RedissonClient client(String address) {
        Config config = new Config();
        config.setLazyInitialization(true);
        // EVAL, not EVALSHA: a restarted server has lost its script cache, and a batched EVALSHA then fails with
        // NOSCRIPT on every retry (the cache protocol's scripts are a few hundred bytes).
        config.setUseScriptCache(false);
        List<String> nodes = nodes(address);
        if (nodes.size() > 1) {
            config.useClusterServers()
                    .addNodeAddress(nodes.toArray(String[]::new))
                    .setConnectTimeout(1_000)
                    .setTimeout(500)
                    .setRetryAttempts(1)
                    .setRetryDelay(attempt -> java.time.Duration.ofMillis(100))
                    .setMasterConnectionMinimumIdleSize(1)
                    .setMasterConnectionPoolSize(16)
                    .setReadMode(ReadMode.MASTER)
                    .setSubscriptionConnectionMinimumIdleSize(0)
                    .setPingConnectionInterval(5_000);
        } else {
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
        }
        return Redisson.create(config);
    }

    /** The node URIs of an address setting: one for a single server, several for a cluster. */
    public static List<String> nodes(String address) {
        return Arrays.stream(address.split(",")).map(String::trim).filter(node -> !node.isEmpty()).toList();
    }

    public RedissonClient center(DataCenter center) {
        return clients.get(center);
    }

    @Override
    public void close() {
        clients.values().forEach(RedissonClient::shutdown);
    }
}
