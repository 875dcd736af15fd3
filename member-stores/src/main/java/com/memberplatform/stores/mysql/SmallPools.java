package com.memberplatform.stores.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pools of the platform: small (many exist, one per shard database and server), fail fast on
 * checkout, and never fail start-up when their server is down (decision 0007).
 */
public final class SmallPools {

    private SmallPools() {
    }

    public static HikariDataSource of(String name, String jdbcUrl, String username, String password, int maxSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMinimumIdle(0);
        config.setMaximumPoolSize(maxSize);
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
