package com.memberplatform.stores.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.Openid;
import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.api.topology.ShardTopology.ShardAddress;
import com.memberplatform.stores.StackEndpoints;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A lookup by mobile or by account is routed by ShardingSphere to exactly one shard: asserted from ShardingSphere's
 * own record of the actual SQL it executed (sql-show), for the real mapper statements.
 */
@WithLocalStack
class LookupRoutingIT {

    private static ShardedMysql mysql;
    private static ShardTopology topology;
    private static SqlSessionFactory sessions;
    private static final ListAppender<ILoggingEvent> routed = new ListAppender<>();

    @BeforeAll
    static void connect(LocalStack stack) throws Exception {
        System.setProperty("member.sql-show", "true");
        topology = StackEndpoints.topology(stack);
        mysql = ShardedMysql.connect(topology, StackEndpoints.mysql(stack), DataCenter.A);
        System.clearProperty("member.sql-show");
        Configuration configuration = new Configuration(new Environment("it", new JdbcTransactionFactory(), mysql.dataSource()));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setArgNameBasedConstructorAutoMapping(true);
        configuration.addMapper(MemberRecords.class);
        sessions = new SqlSessionFactoryBuilder().build(configuration);
        Logger sqlLog = (Logger) LoggerFactory.getLogger("ShardingSphere-SQL");
        sqlLog.addAppender(routed);
        routed.start();
    }

    @AfterAll
    static void close() throws Exception {
        mysql.close();
    }

    /** The "Actual SQL: <data source> ::: <sql>" lines ShardingSphere logged while {@code lookup} ran. */
    private static List<String> actualSql(Runnable lookup) {
        routed.list.clear();
        lookup.run();
        return routed.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.startsWith("Actual SQL")).toList();
    }

    @Test
    void shouldRouteALookupByMobileToOneShard() {
        String mobile = "+86136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        try (SqlSession session = sessions.openSession(true)) {
            MemberRecords records = session.getMapper(MemberRecords.class);
            records.claim(LookupIndex.MOBILE, mobile, 77, Instant.now());

            List<String> lookup = actualSql(() -> OnMaster.read(() -> records.owner(LookupIndex.MOBILE, mobile)));

            ShardAddress shard = topology.ofKey(mobile);
            assertThat(lookup).singleElement().asString()
                    .contains("write_" + shard.database() + " ::: ").contains(shard.table("mobile_index") + " ");
        }
    }

    @Test
    void shouldRouteALookupByAccountToOneShard() {
        String key = AccountKey.openid("wxminiapp0001", new Openid("oRoute" + ThreadLocalRandom.current().nextLong(1L << 40))).canonical();
        try (SqlSession session = sessions.openSession(true)) {
            MemberRecords records = session.getMapper(MemberRecords.class);
            records.claim(LookupIndex.ACCOUNT, key, 78, Instant.now());

            List<String> lookup = actualSql(() -> records.owner(LookupIndex.ACCOUNT, key));

            ShardAddress shard = topology.ofKey(key);
            assertThat(lookup).singleElement().asString()
                    .contains(LocalReplicaBalancer.targetName(shard.database(), DataCenter.A) + " ::: ").contains(shard.table("account_index") + " ");
        }
    }

    @Test
    void shouldScatterAQueryWithoutTheShardingKeyWhichIsWhyTheIndexTablesExist() {
        try (SqlSession session = sessions.openSession(true)) {
            List<String> scatter = actualSql(() -> session.selectList(
                    "com.memberplatform.stores.mysql.MemberRecords.pendingOutbox", 1));

            assertThat(scatter).hasSize(topology.shards());
        }
    }
}
