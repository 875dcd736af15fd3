package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.ShardTopology;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
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

/**
 * The sharded member schema behind one ShardingSphere-JDBC data source. Each database ({@code member_db_N}) is a
 * read/write group {@code ds_N}: writes go to center A's master, plain reads to the replica of the local center,
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
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String LOAD_BALANCER = "local-replica";

    private final ShardTopology topology;
    private final DataSource sharded;
    private final Map<String, HikariDataSource> physical;

    private ShardedMysql(ShardTopology topology, DataSource sharded, Map<String, HikariDataSource> physical) {
        this.topology = topology;
        this.sharded = sharded;
        this.physical = physical;
    }

    public static ShardedMysql connect(ShardTopology topology, MysqlEndpoints endpoints, DataCenter localCenter)
            throws SQLException {
        return connect(topology, endpoints, localCenter, TopologyProperties.DEFAULT_DATABASE_PREFIX);
    }

    /** @param databasePrefix the databases are {@code <prefix>0 .. <prefix>N-1} */
    public static ShardedMysql connect(ShardTopology topology, MysqlEndpoints endpoints, DataCenter localCenter,
                                       String databasePrefix) throws SQLException {
        Map<String, HikariDataSource> physical = new LinkedHashMap<>();
        List<ReadwriteSplittingDataSourceGroupRuleConfiguration> groups = new ArrayList<>();
        String localReplica = localCenter == DataCenter.A ? endpoints.replicaA() : endpoints.replicaB();
        for (int d = 0; d < topology.databases(); d++) {
            String write = "write_" + d;
            String read = "read_" + d;
            physical.put(write, pool(write, endpoints.master(), databasePrefix + d, endpoints));
            physical.put(read, pool(read, localReplica, databasePrefix + d, endpoints));
            groups.add(new ReadwriteSplittingDataSourceGroupRuleConfiguration(dataSourceName(d), write, List.of(read), LOAD_BALANCER));
        }
        Collection<RuleConfiguration> rules = List.of(
                new ReadwriteSplittingRuleConfiguration(groups, Map.of(LOAD_BALANCER, new AlgorithmConfiguration("ROUND_ROBIN", new Properties()))),
                shardingRule(topology));
        Properties props = new Properties();
        props.setProperty("sql-show", Boolean.getBoolean("member.sql-show") ? "true" : "false");
        // ShardingSphere reads the metadata of the shards when it starts: a MySQL that is restarting, or slow to accept
        // connections on a loaded machine, is waited for (within STARTUP_WAIT) instead of failing the service's start.
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (true) {
            try {
                DataSource sharded = ShardingSphereDataSourceFactory.createDataSource("member",
                        null, new LinkedHashMap<>(physical), rules, props);
                return new ShardedMysql(topology, sharded, physical);
            } catch (SQLException e) {
                if (!MysqlUnavailable.is(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.warn("MySQL is not reachable yet ({}); trying again", e.getClass().getSimpleName());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
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

    /** The ShardingSphere data source that MyBatis and plain JDBC go through. */
    public DataSource dataSource() {
        return sharded;
    }

    public ShardTopology topology() {
        return topology;
    }

    @Override
    public void close() throws Exception {
        if (sharded instanceof AutoCloseable closeable) {
            closeable.close();
        }
        physical.values().forEach(HikariDataSource::close);
    }
}
