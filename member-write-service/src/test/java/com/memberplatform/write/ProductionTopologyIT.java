package com.memberplatform.write;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.openid;
import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.api.topology.ShardTopology.ShardAddress;
import com.memberplatform.stores.mysql.ShardedMysql;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The write service on the production-shaped topology: 16 databases x 64 tables = 1,024 shards. */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "member.topology.databases=16", "member.topology.tables-per-database=64",
        "member.topology.database-prefix=" + ProductionTopologyIT.PREFIX, "member.commands.consumer.enabled=false"})
class ProductionTopologyIT {

    static final String PREFIX = "member1024_db_";
    private static final ShardTopology PRODUCTION = new ShardTopology(16, 64);

    @LocalServerPort
    int port;
    @Autowired
    ShardedMysql mysql;

    @BeforeAll
    static void schema(LocalStack stack) {
        stack.shardSchema(16, 64, PREFIX);
    }

    @Test
    void shouldRegisterBindAndGuardOnAThousandShards(LocalStack stack) throws SQLException {
        // The service serves before ShardingSphere has read the metadata of 1,024 shards (decision 0019): wait for it.
        mysql.awaitReady(Duration.ofSeconds(180));
        WriteApi api = WriteApi.asOrderCaller(port);
        String account = openid("wxminiapp0001", freshWeChatId("oBig"), null);
        Answer alice = api.post("/api/v1/members", "{\"mobile\":\"" + freshMobile() + "\",\"platform\":\"WECHAT\",\"firstAccount\":"
                + account + "}");
        Answer bob = api.post("/api/v1/members", WriteApi.registration(freshMobile()));

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/members/" + bob.memberId() + "/bindings", account).code())
                .isEqualTo("ACCOUNT_BOUND_TO_OTHER_MEMBER");

        long memberId = Long.parseLong(alice.memberId());
        ShardAddress home = PRODUCTION.ofMemberId(memberId);
        try (Connection master = DriverManager.getConnection("jdbc:mariadb://" + stack.endpoint("member.stores.mysql.master") + "/",
                stack.endpoint("member.stores.mysql.username"), stack.endpoint("member.stores.mysql.password"))) {
            assertThat(count(master, PREFIX + home.database() + "." + home.table("member"), memberId)).isEqualTo(1);
            assertThat(count(master, PREFIX + home.database() + "." + home.table("member_binding"), memberId)).isEqualTo(1);
            ShardAddress neighbour = PRODUCTION.ofMemberId(memberId + 1);
            assertThat(count(master, PREFIX + neighbour.database() + "." + neighbour.table("member"), memberId)).isZero();
        }
    }

    private static int count(Connection connection, String table, long memberId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE member_id = ?")) {
            select.setLong(1, memberId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
