package com.memberplatform.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.stores.StackEndpoints;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBucket;
import org.springframework.boot.actuate.health.Status;

@WithLocalStack
class RedisCentersIT {

    private static RedisCenters centers;
    private static RedisEndpoints endpoints;

    @BeforeAll
    static void connect(LocalStack stack) {
        endpoints = StackEndpoints.redis(stack);
        centers = RedisCenters.connect(endpoints);
    }

    @AfterAll
    static void close() {
        centers.close();
    }

    @Test
    void shouldKeepEachCentersCacheSeparate() {
        String key = "it:center:" + UUID.randomUUID();
        RBucket<String> inA = centers.center(DataCenter.A).getBucket(key);
        RBucket<String> inB = centers.center(DataCenter.B).getBucket(key);

        inA.set("from-a", Duration.ofMinutes(1));

        assertThat(inA.get()).isEqualTo("from-a");
        assertThat(inB.get()).as("center B never sees what was written to A").isNull();

        inB.set("from-b", Duration.ofMinutes(1));
        assertThat(inA.get()).isEqualTo("from-a");
        assertThat(inB.get()).isEqualTo("from-b");
    }

    @Test
    void shouldReportEachCenterHealthy() {
        assertThat(new RedisHealth(centers.center(DataCenter.A), endpoints.a()).health().getStatus()).isEqualTo(Status.UP);
        assertThat(new RedisHealth(centers.center(DataCenter.B), endpoints.b()).health().getStatus()).isEqualTo(Status.UP);
    }
}
