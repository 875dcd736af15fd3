package com.memberplatform.flowcontrol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

@WithLocalStack
class LiveDocumentIT {

    /** A stand-in document: a positive number, anything else is refused. */
    private static Integer parseLimit(String json) {
        int value = Integer.parseInt(json.replaceAll("[^0-9-]", ""));
        if (value <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return value;
    }

    private RedissonClient subscriberRedis;
    private RedissonClient publisherRedis;
    private ConfigChannel channel;

    @BeforeEach
    void connect(LocalStack stack) {
        subscriberRedis = RedisCenters.client(stack.endpoint("member.stores.redis.config"));
        publisherRedis = RedisCenters.client(stack.endpoint("member.stores.redis.config"));
        channel = new ConfigChannel("it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void close() {
        subscriberRedis.shutdown();
        publisherRedis.shutdown();
    }

    @Test
    void shouldApplyAPublishedChangeWithinOneSecond() {
        try (LiveDocument<Integer> limit = LiveDocument.follow(subscriberRedis, channel, LiveDocumentIT::parseLimit, 100)) {
            assertThat(limit.current()).isEqualTo(100);

            new ConfigPublisher(publisherRedis).publish(channel, "{\"limit\":250}", "live-document-it", "test");

            await().atMost(Duration.ofSeconds(1)).until(() -> limit.current() == 250);
        }
    }

    @Test
    void shouldKeepTheLastGoodDocumentWhenAChangeIsInvalid() {
        ConfigPublisher publisher = new ConfigPublisher(publisherRedis);
        publisher.publish(channel, "{\"limit\":40}", "live-document-it", "test");
        try (LiveDocument<Integer> limit = LiveDocument.follow(subscriberRedis, channel, LiveDocumentIT::parseLimit, 100)) {
            assertThat(limit.current()).as("read from the key at start").isEqualTo(40);

            publisher.publish(channel, "{\"limit\":-5}", "live-document-it", "test");
            publisher.publish(channel, "{\"limit\":41}", "live-document-it", "test");

            await().atMost(Duration.ofSeconds(1)).until(() -> limit.current() == 41);
        }
    }

    @Test
    void shouldServeTheLastGoodDocumentWhileTheConfigRedisIsAwayAndCatchUpAfter(LocalStack stack) {
        ConfigPublisher publisher = new ConfigPublisher(publisherRedis);
        publisher.publish(channel, "{\"limit\":7}", "live-document-it", "test");
        try (LiveDocument<Integer> limit = LiveDocument.follow(subscriberRedis, channel, LiveDocumentIT::parseLimit, 100)) {
            assertThat(limit.current()).isEqualTo(7);

            stack.stop("redis-config");
            try {
                assertThat(limit.current()).as("while the config Redis is down").isEqualTo(7);
            } finally {
                stack.start("redis-config");
            }
            // The publisher's own connection died with the server: like an operator, it retries until the write goes through.
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> publisher.publish(channel, "{\"limit\":8}", "live-document-it", "test").receivers() >= 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> limit.current() == 8);
        }
    }
}
