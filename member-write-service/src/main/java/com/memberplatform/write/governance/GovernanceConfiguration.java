package com.memberplatform.write.governance;

import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.ShardedMysql;
import com.memberplatform.write.commands.MemberCommands;
import com.memberplatform.write.commands.OneShotRuns;
import com.memberplatform.write.ids.WorkerLease;
import java.sql.SQLException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GovernanceConfiguration {

    @Bean
    MemberAudit memberAudit(MemberRecords records) {
        return new MemberAudit(records);
    }

    /** Waits for MySQL and an id worker lease first (both are taken in the background when a service starts). */
    @Bean
    @ConditionalOnProperty("member.ops.command")
    OpsCommandRunner opsCommandRunner(@Value("${member.ops.command}") String command, MemberAudit audit,
                                      MemberCommands commands, ShardedMysql mysql, WorkerLease lease,
                                      ConfigurableApplicationContext context) throws SQLException {
        OneShotRuns.awaitWritable(mysql, lease);
        return new OpsCommandRunner(command, audit, commands, context);
    }
}
