package com.memberplatform.write.outbox;

import com.memberplatform.stores.messaging.Producers;
import com.memberplatform.stores.messaging.RocketMqEndpoints;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.TopologyProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox relay. {@code member.outbox.relay.enabled=false} runs an instance that commits changes but never sends
 * them, which is how the tests reproduce a service that dies between the commit and the send.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "member.outbox.relay.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxConfiguration {

    @Bean(destroyMethod = "shutdown")
    DefaultMQProducer changeEventProducer(RocketMqEndpoints endpoints) throws MQClientException {
        return Producers.start(endpoints, "member-write-relay");
    }

    @Bean
    OutboxRelay outboxRelay(MemberRecords records, @Qualifier("meta") HikariDataSource meta, DefaultMQProducer producer,
                            TopologyProperties topology,
                            @Value("${member.outbox.relay.interval-millis:100}") long intervalMillis, MeterRegistry meters) {
        // One relay per sharded schema: the lease is named after the schema whose outbox it drains.
        RelayLease lease = new RelayLease(new JdbcTemplate(meta), "outbox:" + topology.databasePrefix());
        return new OutboxRelay(records, lease, producer, intervalMillis, meters);
    }
}
