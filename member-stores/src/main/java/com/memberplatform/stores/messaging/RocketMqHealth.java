package com.memberplatform.stores.messaging;

import com.memberplatform.stores.startup.Reasons;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of RocketMQ: the name server answers and knows at least one live broker. */
public final class RocketMqHealth implements HealthIndicator, AutoCloseable {

    private final DefaultMQAdminExt admin;
    private final String nameServer;

    public RocketMqHealth(String nameServer) {
        this.nameServer = nameServer;
        this.admin = new DefaultMQAdminExt(3_000);
        admin.setNamesrvAddr(nameServer);
        // Unique per checker: several application contexts may share one JVM (tests), and RocketMQ refuses a second
        // admin client with the same group in a process.
        String name = "member-health-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID();
        admin.setInstanceName(name);
        admin.setAdminExtGroup(name);
    }

    public void start() throws Exception {
        admin.start();
    }

    @Override
    public Health health() {
        try {
            ClusterInfo info = admin.examineBrokerClusterInfo();
            Map<String, BrokerData> brokers = info.getBrokerAddrTable();
            Health.Builder builder = brokers.isEmpty() ? Health.down().withDetail("reason", "the name server knows no live broker")
                    : Health.up();
            return builder.withDetail("nameServer", nameServer).withDetail("brokers", brokers.keySet()).build();
        } catch (Exception e) {
            return Health.down().withDetail("nameServer", nameServer).withDetail("reason", Reasons.of(e)).build();
        }
    }

    @Override
    public void close() {
        admin.shutdown();
    }
}
