package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.LocalCenter;
import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.stores.startup.BackgroundStart;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.infra.config.rule.RuleConfiguration;
import org.apache.shardingsphere.readwritesplitting.config.ReadwriteSplittingRuleConfiguration;
import org.apache.shardingsphere.readwritesplitting.config.rule.ReadwriteSplittingDataSourceGroupRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The sharded member schema behind one ShardingSphere-JDBC data source. Each database ({@code member_db_N}) is a
 * read/write group {@code ds_N}: writes go to center A's master, plain reads to the replica of the center the
 * {@link LocalCenter} names at that read ({@link LocalReplicaBalancer}; each group has a pool per center's replica),
 * and {@code HintManager.setWriteRouteOnly()} (or a transaction) reads the master when a caller must see its own
 * write. Tables {@code member} and {@code member_binding} are placed by member id; {@code mobile_index} and
 * {@code account_index} by their own key, so a lookup by mobile or account touches one shard.
 */
public final class ShardedMysql implements AutoCloseable {

    /** Logic tables and the column each is placed by. */
    static final Map<String, String> TABLES = Map.of(
            "member", "member_id",
            "member_binding", "member_id",
            "member_outbox", "member_id",
            "member_audit", "member_id",
            "idempotency_record", "idem_key",
            "mobile_index", "mobile",
            "account_index", "account_key");

    private static final Logger log = LoggerFactory.getLogger(ShardedMysql.class);
    /** A healthy MySQL is ready when the service's start goes on; one that is away costs the start this much. */
    private static final Duration FIRST_ATTEMPT_WAIT = Duration.ofSeconds(10);
    private static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final String LOAD_BALANCER = "local-replica";

    private final ShardTopology topology;
    private final BackgroundStart<DataSource> sharded;
    private final DataSource dataSource;
    private final Map<String, HikariDataSource> physical;
    private final String centerKey;

    private ShardedMysql(ShardTopology topology, BackgroundStart<DataSource> sharded, Map<String, HikariDataSource> physical,
                         String centerKey) {
        this.topology = topology;
        this.sharded = sharded;
        this.dataSource = new OpenedDataSource(sharded);
        this.physical = physical;
        this.centerKey = centerKey;
    }

    /** Opens the schema and waits until it is ready: for tools and tests that need MySQL before they do anything. */
    public static ShardedMysql connect(ShardTopology topology, MysqlEndpoints endpoints, DataCenter localCenter)
            throws SQLException {
        ShardedMysql mysql = open(topology, endpoints, LocalCenter.fixed(localCenter), TopologyProperties.DEFAULT_DATABASE_PREFIX);
        try {
            mysql.awaitReady(READY_WAIT);
            return mysql;
        } catch (SQLException e) {
            mysql.close();
            throw e;
        }
    }

    /**
     * Opens the schema in the background and returns at once (after the first attempt, at most
     * {@link #FIRST_ATTEMPT_WAIT}): ShardingSphere reads the shards' metadata from center A's master when it is
     * created, so while the master is away it is created again and again ({@link BackgroundStart}) and every call
     * through {@link #dataSource()} fails at once as MySQL being away ({@link MysqlUnavailable}).
     *
     * @param databasePrefix the databases are {@code <prefix>0 .. <prefix>N-1}
     */
    public static ShardedMysql open(ShardTopology topology, MysqlEndpoints endpoints, LocalCenter localCenter,
                                    String databasePrefix) {
        Map<String, HikariDataSource> physical = new LinkedHashMap<>();
        List<ReadwriteSplittingDataSourceGroupRuleConfiguration> groups = new ArrayList<>();
        for (int d = 0; d < topology.databases(); d++) {
            String write = "write_" + d;
            physical.put(write, pool(write, endpoints.master(), databasePrefix + d, endpoints));
            List<String> reads = new ArrayList<>();
            for (DataCenter center : DataCenter.values()) {
                String read = LocalReplicaBalancer.targetName(d, center);
                physical.put(read, pool(read, center == DataCenter.A ? endpoints.replicaA() : endpoints.replicaB(), databasePrefix + d, endpoints));
                reads.add(read);
            }
            groups.add(new ReadwriteSplittingDataSourceGroupRuleConfiguration(dataSourceName(d), write, reads, LOAD_BALANCER));
        }
        String centerKey = LocalReplicaBalancer.register(localCenter);
        Properties balancer = new Properties();
        balancer.setProperty(LocalReplicaBalancer.KEY, centerKey);
        Collection<RuleConfiguration> rules = List.of(
                new ReadwriteSplittingRuleConfiguration(groups, Map.of(LOAD_BALANCER, new AlgorithmConfiguration(LocalReplicaBalancer.TYPE, balancer))),
                shardingRule(topology));
        Properties props = new Properties();
        props.setProperty("sql-show", Boolean.getBoolean("member.sql-show") ? "true" : "false");
        BackgroundStart<DataSource> sharded = BackgroundStart.begin("shard metadata",
                () -> ShardingSphereDataSourceFactory.createDataSource("member", null, new LinkedHashMap<>(physical), rules, props),
                ShardedMysql::closeSharded);
        sharded.awaitFirstAttempt(FIRST_ATTEMPT_WAIT);
        return new ShardedMysql(topology, sharded, physical, centerKey);
    }

    /** Waits at most {@code max} for the schema to be open; throws why it is not. */
    public void awaitReady(Duration max) throws SQLException {
        if (!sharded.awaitStarted(max)) {
            throw new SQLTransientConnectionException(sharded.reason(), "08001");
        }
    }

    /** DOWN with the reason while the shard metadata could not be read yet. */
    public HealthIndicator health() {
        return sharded;
    }

    static String dataSourceName(int database) {
        return "ds_" + database;
    }

    private static ShardingRuleConfiguration shardingRule(ShardTopology topology) {
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        TABLES.forEach((table, column) -> {
            ShardingTableRuleConfiguration tableRule = new ShardingTableRuleConfiguration(table, dataNodes(topology, table));
            String key = column.equals("member_id") ? "member-id" : "hash";
            tableRule.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration(column, algorithm(rule, topology, "database", key)));
            tableRule.setTableShardingStrategy(new StandardShardingStrategyConfiguration(column, algorithm(rule, topology, "table", key)));
            rule.getTables().add(tableRule);
        });
        return rule;
    }

    private static String algorithm(ShardingRuleConfiguration rule, ShardTopology topology, String target, String key) {
        String name = target + "-by-" + key;
        Properties props = new Properties();
        props.setProperty("strategy", "STANDARD");
        props.setProperty("algorithmClassName", MemberShardingAlgorithm.class.getName());
        props.setProperty("databases", Integer.toString(topology.databases()));
        props.setProperty("tables-per-database", Integer.toString(topology.tablesPerDatabase()));
        props.setProperty("target", target);
        props.setProperty("key", key);
        rule.getShardingAlgorithms().put(name, new AlgorithmConfiguration("CLASS_BASED", props));
        return name;
    }

    /** Every data node listed literally: no inline expression engine is needed, at 8 shards or 1,024. */
    private static String dataNodes(ShardTopology topology, String table) {
        return IntStream.range(0, topology.databases()).boxed()
                .flatMap(d -> IntStream.range(0, topology.tablesPerDatabase()).mapToObj(t -> dataSourceName(d) + "." + table + "_" + t))
                .collect(Collectors.joining(","));
    }

    private static HikariDataSource pool(String name, String hostPort, String database, MysqlEndpoints endpoints) {
        return SmallPools.of(name, "jdbc:mariadb://" + hostPort + "/" + database, endpoints.username(), endpoints.password(), 8);
    }

    /** The ShardingSphere data source that MyBatis and plain JDBC go through (fails at once until it is open). */
    public DataSource dataSource() {
        return dataSource;
    }

    public ShardTopology topology() {
        return topology;
    }

    @Override
    public void close() {
        sharded.close();
        physical.values().forEach(HikariDataSource::close);
        LocalReplicaBalancer.unregister(centerKey);
    }

    private static void closeSharded(DataSource sharded) {
        if (sharded instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the sharded data source failed", e);
            }
        }
    }
}
