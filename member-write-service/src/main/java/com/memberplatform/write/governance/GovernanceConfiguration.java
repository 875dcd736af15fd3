package com.memberplatform.write.governance;

import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.write.commands.MemberCommands;
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

    @Bean
    @ConditionalOnProperty("member.ops.command")
    OpsCommandRunner opsCommandRunner(@Value("${member.ops.command}") String command, MemberAudit audit,
                                      MemberCommands commands, ConfigurableApplicationContext context) {
        return new OpsCommandRunner(command, audit, commands, context);
    }
}
