package com.memberplatform.stores.messaging;

import com.memberplatform.stores.startup.StoreHealth;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** RocketMQ for a service: its endpoints and a health entry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RocketMqEndpoints.class)
public class RocketMqConfiguration {

    static {
        // The 5.x client picks its remoting protocol version from this property; set it before any client starts.
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        System.setProperty("rocketmq.client.logUseSlf4j", "true");
    }

    @Bean(destroyMethod = "close")
    StoreHealth rocketmq(RocketMqEndpoints endpoints) throws Exception {
        RocketMqHealth health = new RocketMqHealth(endpoints.nameServer());
        health.start();
        return StoreHealth.of(health);
    }
}
