package com.memberplatform.migration.legacy;

import com.zaxxer.hikari.HikariConfig;
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
        HikariConfig config = new HikariConfig();
        config.setPoolName("legacy");
        config.setJdbcUrl(endpoints.url());
        config.setUsername(endpoints.username());
        config.setPassword(endpoints.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Bean
    HealthIndicator legacyHealthIndicator(@Qualifier("legacy") HikariDataSource legacy) {
        return () -> {
            try (Connection connection = legacy.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT TOP 1 [MemberId] FROM [dbo].[MemberInfo]").close();
                return Health.up().withDetail("url", connection.getMetaData().getURL().replaceAll(";.*", "")).build();
            } catch (SQLException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
