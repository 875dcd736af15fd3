package com.memberplatform.write.demo;

import com.memberplatform.api.domain.AccountBinding;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.BindingId;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Openid;
import com.memberplatform.api.domain.Owners;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.api.domain.Unionid;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local stack's demo members, so a newcomer has somebody to look up. Runs once as
 * {@code java -jar member-write-service.jar --spring.profiles.active=demo-load} (stack.sh does it), then exits.
 * Members are built by the domain (so every policy holds) and written with their index rows; loading twice changes
 * nothing.
 */
@Component
@Profile("demo-load")
class DemoMembers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);
    private static final String MINI_PROGRAM = "wxdemominiprog01";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConfigurableApplicationContext context;

    DemoMembers(JdbcTemplate jdbc, TransactionTemplate transaction, ConfigurableApplicationContext context) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant now = Instant.now();
        List<Member> members = List.of(
                demo(10001, "13800138001", "Demo Alice", "oDemoAlice0001", "uDemoAlice0001", now),
                demo(10002, "13800138002", "Demo Bob", "oDemoBob000002", "uDemoBob000002", now),
                demo(10003, "13800138003", "Demo Carol", "oDemoCarol0003", "uDemoCarol0003", now),
                demo(10004, "85261234567", "Demo Dan", "oDemoDan000004", "uDemoDan000004", now),
                demo(10005, "13800138005", "Demo Erin", "oDemoErin00005", "uDemoErin00005", now));
        members.forEach(member -> transaction.executeWithoutResult(status -> store(member)));
        log.info("demo members stored: {}", members.stream().map(Member::id).toList());
        SpringApplication.exit(context);
    }

    private static Member demo(long id, String digits, String name, String openid, String unionid, Instant now) {
        Mobile mobile = digits.startsWith("852") ? Mobile.of("852", digits.substring(3)) : Mobile.of("86", digits);
        Member member = Member.register(MemberId.of(id), mobile, name, Platform.WECHAT, Owners.none(), now)
                .member().orElseThrow();
        member.bind(BindingId.of(id * 10 + 1), BindingRequest.wechat(AccountKey.openid(MINI_PROGRAM, new Openid(openid)),
                new Unionid(unionid)), Owners.none(), now);
        member.bind(BindingId.of(id * 10 + 2), BindingRequest.of(AccountKey.of(Platform.TRAVEL_APP,
                com.memberplatform.api.domain.AccountType.APP_USER, "travel-android", "app-user-" + id)), Owners.none(), now);
        return member;
    }

    private void store(Member member) {
        Timestamp at = Timestamp.from(member.createdAt());
        long id = member.id().value();
        jdbc.update("INSERT IGNORE INTO member (member_id, mobile, display_name, registered_platform, status, version, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, member.mobile().e164(), member.displayName(),
                member.registeredPlatform().name(), member.status().name(), member.version(), at, at);
        jdbc.update("INSERT IGNORE INTO mobile_index (mobile, member_id) VALUES (?, ?)", member.mobile().e164(), id);
        for (AccountBinding binding : member.bindings()) {
            AccountKey account = binding.account();
            jdbc.update("INSERT IGNORE INTO member_binding (binding_id, member_id, platform, account_type, app_id, account_value, "
                    + "unionid, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", binding.id().value(), id, account.platform().name(),
                    account.accountType().name(), account.appId(), account.value(),
                    binding.unionidIfAny().map(Unionid::value).orElse(null), at);
            jdbc.update("INSERT IGNORE INTO account_index (account_key, member_id, binding_id) VALUES (?, ?, ?)",
                    account.canonical(), id, binding.id().value());
        }
        member.unionid().ifPresent(unionid -> jdbc.update(
                "INSERT IGNORE INTO account_index (account_key, member_id) VALUES (?, ?)",
                AccountKey.unionid(MINI_PROGRAM, unionid).canonical(), id));
    }
}
