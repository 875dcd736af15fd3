package com.memberplatform.stores;

import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.stores.messaging.RocketMqEndpoints;
import com.memberplatform.stores.mysql.MysqlEndpoints;
import com.memberplatform.stores.redis.RedisEndpoints;
import com.memberplatform.stores.search.ElasticsearchEndpoints;
import com.memberplatform.testsupport.LocalStack;

/** The typed endpoints of the running local stack, for tests that use the adapters without Spring. */
public final class StackEndpoints {

    private StackEndpoints() {
    }

    public static MysqlEndpoints mysql(LocalStack stack) {
        return new MysqlEndpoints(stack.endpoint("member.stores.mysql.master"), stack.endpoint("member.stores.mysql.replica-a"),
                stack.endpoint("member.stores.mysql.replica-b"), stack.endpoint("member.stores.mysql.username"),
                stack.endpoint("member.stores.mysql.password"));
    }

    public static ShardTopology topology(LocalStack stack) {
        return new ShardTopology(Integer.parseInt(stack.endpoint("member.topology.databases")),
                Integer.parseInt(stack.endpoint("member.topology.tables-per-database")));
    }

    public static RedisEndpoints redis(LocalStack stack) {
        return new RedisEndpoints(stack.endpoint("member.stores.redis.a"), stack.endpoint("member.stores.redis.b"),
                stack.endpoint("member.stores.redis.config"));
    }

    public static ElasticsearchEndpoints elasticsearch(LocalStack stack) {
        return new ElasticsearchEndpoints(stack.endpoint("member.stores.elasticsearch.primary"),
                stack.endpoint("member.stores.elasticsearch.backup"), stack.endpoint("member.stores.elasticsearch.marketing"));
    }

    public static RocketMqEndpoints rocketmq(LocalStack stack) {
        return new RocketMqEndpoints(stack.endpoint("member.stores.rocketmq.name-server"));
    }
}
