package com.memberplatform.stores.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.LocalCenter;
import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.api.topology.ShardTopology.ShardAddress;
import com.memberplatform.stores.StackEndpoints;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.shardingsphere.infra.hint.HintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithLocalStack
class ShardedMysqlIT {

    private static ShardedMysql mysql;
    private static MysqlEndpoints endpoints;
    private static ShardTopology topology;

    @BeforeAll
    static void connect(LocalStack stack) throws SQLException {
        endpoints = StackEndpoints.mysql(stack);
        topology = StackEndpoints.topology(stack);
        mysql = ShardedMysql.connect(topology, endpoints, DataCenter.A);
    }

    @AfterAll
    static void close() throws Exception {
        mysql.close();
    }

    @Test
    void shouldRouteAMemberWriteToTheShardOfItsId() throws SQLException {
        long memberId = freshId();
        insertMember(memberId, "+8613700000001");

        ShardAddress expected = topology.ofMemberId(memberId);
        for (int d = 0; d < topology.databases(); d++) {
            for (int t = 0; t < topology.tablesPerDatabase(); t++) {
                int rows = countOnMaster("member_db_" + d, "member_" + t, "member_id", memberId);
                boolean home = d == expected.database() && t == expected.table();
                assertThat(rows).as("member_db_%d.member_%d", d, t).isEqualTo(home ? 1 : 0);
            }
        }
    }

    @Test
    void shouldRouteAMobileIndexEntryByTheMobileItself() throws SQLException {
        String mobile = "+86137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        try (Connection connection = mysql.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO mobile_index (mobile, member_id, claimed_at) VALUES (?, ?, NOW(3))")) {
            insert.setString(1, mobile);
            insert.setLong(2, 42);
            insert.executeUpdate();
        }

        ShardAddress expected = topology.ofKey(mobile);
        assertThat(countOnMaster(expected.databaseName(), expected.table("mobile_index"), "mobile", mobile)).isEqualTo(1);
    }

    /**
     * With center A's replica paused, a plain read through ShardingSphere cannot see a fresh write (it is served by
     * the replica), a write-route-only read can (it is served by the master), and once replication resumes the
     * plain read sees it too.
     */
    @Test
    void shouldServePlainReadsFromTheReplicaAndReadYourWritesFromTheMaster() throws Exception {
        try (Connection replica = direct(endpoints.replicaA()); Statement admin = replica.createStatement()) {
            admin.execute("STOP SLAVE SQL_THREAD");
            long memberId = freshId();
            try {
                insertMember(memberId, "+8613700000002");

                assertThat(readStatus(memberId, false)).as("read from the paused replica").isNull();
                assertThat(readStatus(memberId, true)).as("read-your-writes from the master").isEqualTo("ACTIVE");
            } finally {
                admin.execute("START SLAVE SQL_THREAD");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readStatus(memberId, false)).isEqualTo("ACTIVE"));
        }
    }

    /**
     * The replica of a plain read is the one of the center the {@link LocalCenter} names at that read: with center A's
     * replica paused, a fresh write is invisible while the center is A, visible as soon as it is B (B's replica is
     * replicating), invisible again once it is A, all on one open data source.
     */
    @Test
    void shouldMovePlainReadsToTheReplicaOfTheCenterNamedAtEachRead() throws Exception {
        AtomicReference<DataCenter> center = new AtomicReference<>(DataCenter.A);
        try (ShardedMysql switching = ShardedMysql.open(topology, endpoints, center::get, TopologyProperties.DEFAULT_DATABASE_PREFIX);
             Connection replica = direct(endpoints.replicaA()); Statement admin = replica.createStatement()) {
            switching.awaitReady(Duration.ofSeconds(60));
            admin.execute("STOP SLAVE SQL_THREAD");
            try {
                long memberId = freshId();
                insertMember(memberId, "+8613700000003");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    center.set(DataCenter.B);
                    assertThat(readStatus(switching, memberId, false)).as("read from center B's replica").isEqualTo("ACTIVE");
                });
                center.set(DataCenter.A);
                assertThat(readStatus(switching, memberId, false)).as("read from center A's paused replica").isNull();
                center.set(DataCenter.B);
                assertThat(readStatus(switching, memberId, false)).as("read from center B's replica again").isEqualTo("ACTIVE");
            } finally {
                admin.execute("START SLAVE SQL_THREAD");
            }
        }
    }

    private static long freshId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private static void insertMember(long memberId, String mobile) throws SQLException {
        try (Connection connection = mysql.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO member (member_id, mobile, registered_platform, "
                     + "status, version, created_at, updated_at) VALUES (?, ?, 'TRAVEL_APP', 'ACTIVE', 1, NOW(3), NOW(3))")) {
            insert.setLong(1, memberId);
            insert.setString(2, mobile);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static String readStatus(long memberId, boolean fromMaster) throws SQLException {
        return readStatus(mysql, memberId, fromMaster);
    }

    private static String readStatus(ShardedMysql through, long memberId, boolean fromMaster) throws SQLException {
        try (HintManager hint = HintManager.getInstance()) {
            if (fromMaster) {
                hint.setWriteRouteOnly();
            }
            try (Connection connection = through.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT status FROM member WHERE member_id = ?")) {
                select.setLong(1, memberId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        }
    }

    private static int countOnMaster(String database, String table, String column, Object value) throws SQLException {
        try (Connection connection = direct(endpoints.master());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM " + database + "." + table + " WHERE " + column + " = ?")) {
            select.setObject(1, value);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection direct(String hostPort) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + hostPort + "/", endpoints.username(), endpoints.password());
    }
}
