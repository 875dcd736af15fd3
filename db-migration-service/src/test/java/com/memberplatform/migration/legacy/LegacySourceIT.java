package com.memberplatform.migration.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The H2 legacy stand-in speaks the T-SQL the migration issues against the real SqlServer. */
@WithLocalStack
class LegacySourceIT {

    @Test
    void shouldReadMembersWithTSqlStyleStatements(LocalStack stack) throws SQLException {
        long memberId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        try (Connection connection = DriverManager.getConnection(stack.endpoint("member.stores.legacy.url"),
                stack.endpoint("member.stores.legacy.username"), "")) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO [dbo].[MemberInfo] ([MemberId], [Mobile], "
                    + "[NickName], [RegSource], [Status], [CreateTime], [UpdateTime]) VALUES (?, ?, N'测试', N'APP', 1, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                insert.setLong(1, memberId);
                insert.setString(2, "13800138000");
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.executeUpdate();
            }
            try (PreparedStatement account = connection.prepareStatement("INSERT INTO [dbo].[MemberAccount] ([MemberId], "
                    + "[Platform], [AccountType], [AppId], [AccountValue], [BindTime]) VALUES (?, N'WECHAT', N'WECHAT_OPENID', "
                    + "N'wx1', N'oLegacy0001', CURRENT_TIMESTAMP)")) {
                account.setLong(1, memberId);
                account.executeUpdate();
            }

            try (PreparedStatement select = connection.prepareStatement("SELECT TOP 10 m.[MemberId], m.[NickName], "
                    + "a.[AccountId], a.[AccountValue] FROM [dbo].[MemberInfo] m WITH (NOLOCK) "
                    + "JOIN [dbo].[MemberAccount] a WITH (NOLOCK) ON a.[MemberId] = m.[MemberId] WHERE m.[MemberId] = ?")) {
                select.setLong(1, memberId);
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString("NickName")).isEqualTo("测试");
                    assertThat(rows.getLong("AccountId")).as("IDENTITY column").isPositive();
                    assertThat(rows.getString("AccountValue")).isEqualTo("oLegacy0001");
                    assertThat(rows.next()).isFalse();
                }
            }
        }
    }
}
