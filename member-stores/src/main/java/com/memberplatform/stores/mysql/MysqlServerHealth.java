package com.memberplatform.stores.mysql;

import com.memberplatform.stores.startup.Reasons;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of one MySQL server, checked on its own connection so that a dead replica shows as such even while the
 * pools still hold connections. A replica also reports whether replication runs and how far it is behind.
 */
public final class MysqlServerHealth implements HealthIndicator {

    private final String hostPort;
    private final boolean replica;
    private final MysqlEndpoints endpoints;

    public MysqlServerHealth(String hostPort, boolean replica, MysqlEndpoints endpoints) {
        this.hostPort = hostPort;
        this.replica = replica;
        this.endpoints = endpoints;
    }

    @Override
    public Health health() {
        Properties props = new Properties();
        props.setProperty("user", endpoints.username());
        props.setProperty("password", endpoints.password() == null ? "" : endpoints.password());
        props.setProperty("connectTimeout", "1000");
        props.setProperty("socketTimeout", "2000");
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + hostPort + "/", props);
             Statement statement = connection.createStatement()) {
            Health.Builder health = Health.up().withDetail("server", hostPort);
            if (!replica) {
                return health.withDetail("role", "master").build();
            }
            try (ResultSet status = statement.executeQuery("SHOW SLAVE STATUS")) {
                if (!status.next()) {
                    return Health.down().withDetail("server", hostPort).withDetail("reason", "replication is not configured").build();
                }
                boolean running = "Yes".equals(status.getString("Slave_IO_Running"))
                        && "Yes".equals(status.getString("Slave_SQL_Running"));
                health = running ? health : Health.down().withDetail("server", hostPort).withDetail("reason", "replication is not running");
                return health.withDetail("role", "replica").withDetail("replicating", running)
                        .withDetail("secondsBehindMaster", String.valueOf(status.getObject("Seconds_Behind_Master"))).build();
            }
        } catch (SQLException e) {
            return Health.down().withDetail("server", hostPort).withDetail("reason", Reasons.of(e)).build();
        }
    }
}
