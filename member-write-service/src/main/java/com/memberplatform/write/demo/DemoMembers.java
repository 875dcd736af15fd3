package com.memberplatform.write.demo;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.AccountType;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Openid;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.api.domain.Unionid;
import com.memberplatform.stores.mysql.ShardedMysql;
import com.memberplatform.write.commands.CommandResult;
import com.memberplatform.write.commands.MemberCommands;
import com.memberplatform.write.commands.OneShotRuns;
import com.memberplatform.write.ids.WorkerLease;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The local stack's demo members, registered through the real use cases (so governance, the index tables and the
 * outbox all apply). Runs once as {@code --spring.profiles.active=demo-load} (stack.sh does it) and exits; a second
 * run finds the mobiles taken and changes nothing.
 */
@Component
@Profile("demo-load")
class DemoMembers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);
    private static final String MINI_PROGRAM = "wxdemominiprog01";

    private record Demo(Mobile mobile, String name, String openid, String unionid) {
    }

    private final MemberCommands commands;
    private final ShardedMysql mysql;
    private final WorkerLease lease;
    private final ConfigurableApplicationContext context;

    DemoMembers(MemberCommands commands, ShardedMysql mysql, WorkerLease lease, ConfigurableApplicationContext context) {
        this.commands = commands;
        this.mysql = mysql;
        this.lease = lease;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        OneShotRuns.awaitWritable(mysql, lease);
        List<Demo> demos = List.of(
                new Demo(Mobile.of("86", "13800138001"), "Demo Alice", "oDemoAlice0001", "uDemoAlice0001"),
                new Demo(Mobile.of("86", "13800138002"), "Demo Bob", "oDemoBob000002", "uDemoBob000002"),
                new Demo(Mobile.of("86", "13800138003"), "Demo Carol", "oDemoCarol0003", "uDemoCarol0003"),
                new Demo(Mobile.of("852", "61234567"), "Demo Dan", "oDemoDan000004", "uDemoDan000004"),
                new Demo(Mobile.of("86", "13800138005"), "Demo Erin", "oDemoErin00005", "uDemoErin00005"));
        for (Demo demo : demos) {
            BindingRequest wechat = BindingRequest.wechat(AccountKey.openid(MINI_PROGRAM, new Openid(demo.openid())),
                    new Unionid(demo.unionid()));
            CommandResult result = commands.register(demo.mobile(), demo.name(), Platform.WECHAT, Optional.of(wechat));
            result.member().ifPresentOrElse(member -> {
                commands.bind(member.id(), BindingRequest.of(AccountKey.of(Platform.TRAVEL_APP, AccountType.APP_USER,
                        "travel-android", "app-" + demo.openid())));
                log.info("demo member {} registered ({})", member.id(), demo.mobile());
            }, () -> log.info("demo member {} already there ({})", demo.mobile(), result.rejection().orElseThrow()));
        }
        SpringApplication.exit(context);
    }
}
