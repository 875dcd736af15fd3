package com.memberplatform.sync.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.stores.messaging.Producers;
import com.memberplatform.stores.messaging.RocketMqEndpoints;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.SearchClusters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One consumer per target in {@code member.sync.targets} (default: all five), each in its own consumer group.
 * {@code member.sync.enabled=false} runs the service without consumers (the rebuild command uses that).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "member.sync.enabled", havingValue = "true", matchIfMissing = true)
public class SyncConfiguration {

    @Bean(destroyMethod = "shutdown")
    DefaultMQProducer syncDeadLetters(RocketMqEndpoints endpoints) throws MQClientException {
        return Producers.start(endpoints, "member-sync-dead-letters");
    }

    /** Started here and stopped with the context (a List bean's elements are not lifecycle beans themselves). */
    @Bean(destroyMethod = "stopAll")
    TargetConsumers targetConsumers(@Value("${member.sync.targets:ES_PRIMARY,ES_BACKUP,ES_MARKETING,CACHE_A,CACHE_B}")
                                         List<Store> targets, RocketMqEndpoints endpoints, SearchClusters clusters,
                                         RedisCenters centers, DefaultMQProducer syncDeadLetters, ObjectMapper json,
                                         MeterRegistry meters,
                                         @Value("${member.sync.cache.tombstone-ttl:30m}") Duration tombstoneTtl,
                                         @Value("${member.sync.consume-threads:4}") int consumeThreads) {
        // Events are read leniently: a writer that adds a field must not send every event to the dead letters.
        ObjectMapper events = json.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<TargetConsumer> consumers = new ArrayList<>();
        for (Store target : targets) {
            if (!TargetConsumer.targets().contains(target)) {
                throw new IllegalArgumentException("member.sync.targets: " + target + " is not a replication target");
            }
            TargetWriter writer = target.kind() == Store.Kind.SEARCH
                    ? new SearchIndexWriter(clusters, target)
                    : new CacheInvalidator(centers.center(target.center()), tombstoneTtl);
            Supplier<DefaultMQPushConsumer> consumer = () -> {
                DefaultMQPushConsumer next = Consumers.push(endpoints.nameServer(), TargetConsumer.consumerGroup(target));
                next.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                next.setConsumeMessageBatchMaxSize(32);
                // Orderly consumption locks each queue, so threads only add parallelism across queues (8 per topic).
                // The pool never grows past its core size (an unbounded work queue), so min = max.
                next.setConsumeThreadMin(consumeThreads);
                next.setConsumeThreadMax(consumeThreads);
                return next;
            };
            consumers.add(new TargetConsumer(target, writer, consumer, syncDeadLetters, events, meters));
        }
        consumers.forEach(TargetConsumer::start);
        return new TargetConsumers(consumers);
    }

    /** One health entry per consumer group: DOWN with the reason until it has started (the name server may be away). */
    @Bean
    HealthContributor consumers(TargetConsumers consumers) {
        Map<String, HealthIndicator> groups = new LinkedHashMap<>();
        consumers.all().forEach(consumer -> groups.put(TargetConsumer.consumerGroup(consumer.target()), consumer::health));
        return CompositeHealthContributor.fromMap(groups);
    }

    /** The consumers, one per target, each started (or starting in the background). */
    public record TargetConsumers(List<TargetConsumer> all) {

        public void stopAll() {
            all.forEach(TargetConsumer::stop);
        }
    }
}
