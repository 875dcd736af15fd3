package com.memberplatform.flowcontrol.ops;

import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.stores.startup.ServiceMain;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The ops service (port 18085 locally): where configuration documents are validated and published
 * ({@code member.ops.command}, see {@link ConfigCommand}).
 */
@SpringBootApplication
@Import(ConfigRedisConfiguration.class)
public class OpsApplication {

    @Bean
    ConfigPublisher configPublisher(@Qualifier("configRedis") RedissonClient configRedis) {
        return new ConfigPublisher(configRedis);
    }

    @Bean
    @ConditionalOnProperty("member.ops.command")
    ConfigCommand configCommand(@Value("${member.ops.command}") String command, ConfigPublisher publisher,
                                ConfigurableApplicationContext context) {
        return new ConfigCommand(command, publisher, context);
    }

    public static void main(String[] args) {
        ServiceMain.run(OpsApplication.class, args);
    }
}
