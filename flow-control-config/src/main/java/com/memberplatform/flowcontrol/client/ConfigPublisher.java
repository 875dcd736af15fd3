package com.memberplatform.flowcontrol.client;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Publishes a configuration document: SET the key and PUBLISH the same JSON in one MULTI, so an instance that
 * (re)subscribes and reads the key can never miss a change nor see one that was not stored.
 */
public final class ConfigPublisher {

    private final RedissonClient configRedis;

    public ConfigPublisher(RedissonClient configRedis) {
        this.configRedis = configRedis;
    }

    /** Returns the number of instances that received the change at once. */
    public long publish(ConfigChannel channel, String json) {
        RBatch batch = configRedis.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
        batch.getBucket(channel.key(), StringCodec.INSTANCE).setAsync(json);
        var receivers = batch.getTopic(channel.channel(), StringCodec.INSTANCE).publishAsync(json);
        batch.execute();
        return receivers.toCompletableFuture().join();
    }
}
