package com.memberplatform.migration.legacy;

import com.memberplatform.stores.mysql.SmallPools;
import com.memberplatform.stores.startup.Reasons;
import com.memberplatform.stores.startup.StoreHealth;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The legacy member database the migration reads from, with its health entry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LegacyEndpoints.class)
public class LegacySourceConfiguration {

    @Bean(destroyMethod = "close")
    @Qualifier("legacy")
    HikariDataSource legacyDataSource(LegacyEndpoints endpoints) {
        return SmallPools.of("legacy", endpoints.url(), endpoints.username(), endpoints.password(), 4);
    }

    @Bean
    HealthIndicator legacyHealthIndicator(@Qualifier("legacy") HikariDataSource legacy) {
        return StoreHealth.of(() -> {
            try (Connection connection = legacy.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT TOP 1 [MemberId] FROM [dbo].[MemberInfo]").close();
                return Health.up().withDetail("url", connection.getMetaData().getURL().replaceAll(";.*", "")).build();
            } catch (SQLException e) {
                return Health.down().withDetail("reason", Reasons.of(e)).build();
            }
        });
    }
}
