package com.memberplatform.write.governance;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.openid;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.domain.MemberId;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.write.WriteApplication;
import com.memberplatform.write.commands.MemberCommands;
import com.memberplatform.write.governance.AuditReport.Finding;
import com.memberplatform.write.governance.AuditReport.Kind;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit finds every kind of abnormal relationship seeded behind governance's back; quarantine freezes with a trail. */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GovernanceIT {

    @LocalServerPort
    int port;
    @Autowired
    DataSource sharded;
    @Autowired
    MemberAudit audit;
    @Autowired
    MemberCommands commands;

    WriteApi api;
    JdbcTemplate sql;

    @BeforeEach
    void clients() {
        api = WriteApi.asOrderCaller(port);
        sql = new JdbcTemplate(sharded);
    }

    /** Seeded anomalies: their kind and exact members. */
    record Seeded(Kind kind, Set<Long> members) {
    }

    private long register(String mobile) {
        return Long.parseLong(api.post("/api/v1/members", registration(mobile)).memberId());
    }

    private void rawBinding(long memberId, String accountType, String appId, String value, String unionid) {
        sql.update("INSERT INTO member_binding (binding_id, member_id, platform, account_type, app_id, account_value, unionid, "
                + "bound_at) VALUES (?, ?, 'WECHAT', ?, ?, ?, ?, NOW(3))", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                memberId, accountType, appId, value, unionid);
    }

    private List<Seeded> seedOneOfEachKind() {
        // An account on two members: bound to the first properly, written onto the second directly.
        long first = register(freshMobile());
        long second = register(freshMobile());
        String openid = freshWeChatId("oDup");
        api.post("/api/v1/members/" + first + "/bindings", openid("wxminiapp0001", openid, null));
        rawBinding(second, "WECHAT_OPENID", "wxminiapp0001", openid, null);

        // A mobile on two members.
        String mobile = freshMobile();
        long owner = register(mobile);
        long copy = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        sql.update("INSERT INTO member (member_id, mobile, registered_platform, status, version, created_at, updated_at) "
                + "VALUES (?, ?, 'TRAVEL_APP', 'ACTIVE', 1, NOW(3), NOW(3))", copy, mobile);

        // A member whose WeChat accounts disagree on the unionid.
        long mixed = register(freshMobile());
        api.post("/api/v1/members/" + mixed + "/bindings", openid("wxofficial0001", freshWeChatId("oOne"), freshWeChatId("uOne")));
        rawBinding(mixed, "WECHAT_OPENID", "wxminiapp0001", freshWeChatId("oTwo"), freshWeChatId("uTwo"));

        // One unionid on two members: the seeds' cross-binding.
        String unionid = freshWeChatId("uShared");
        long holder = register(freshMobile());
        long intruder = register(freshMobile());
        api.post("/api/v1/members/" + holder + "/bindings", openid("wxofficial0001", freshWeChatId("oHold"), unionid));
        rawBinding(intruder, "WECHAT_OPENID", "wxminiapp0001", freshWeChatId("oIntr"), unionid);

        return List.of(new Seeded(Kind.ACCOUNT_ON_TWO_MEMBERS, Set.of(first, second)),
                new Seeded(Kind.MOBILE_ON_TWO_MEMBERS, Set.of(owner, copy)),
                new Seeded(Kind.UNIONID_DISAGREES_ON_MEMBER, Set.of(mixed)),
                new Seeded(Kind.UNIONID_ON_TWO_MEMBERS, Set.of(holder, intruder)));
    }

    @Test
    void shouldFindEverySeededAnomalyWhateverTheBucketCount() {
        List<Seeded> seeded = seedOneOfEachKind();

        for (int buckets : new int[] {1, 4}) {
            List<Seeded> found = audit.run(buckets).findings().stream()
                    .map((Finding f) -> new Seeded(f.kind(), f.memberIds())).toList();
            assertThat(found).as("%d buckets", buckets).containsAll(seeded);
        }
    }

    @Test
    void shouldPrintTheReportFromTheOperatorCommand(LocalStack stack) throws Exception {
        List<Seeded> seeded = seedOneOfEachKind();
        LocalStack.OpsRun audit = stack.ops("member-ops.sh", "audit");
        String output = audit.output();

        assertThat(audit.exit()).as(output).isEqualTo(3);
        assertThat(output).contains("Member audit: scanned").contains("ACCOUNT_ON_TWO_MEMBERS");
        seeded.forEach(s -> s.members().forEach(member -> assertThat(output).contains(Long.toString(member))));
        assertThat(output).doesNotContainPattern("\\+86139[0-9]{8}");
    }

    @Test
    void shouldFreezeAQuarantinedMemberWithAnAuditTrail() {
        long member = register(freshMobile());

        assertThat(commands.quarantine(MemberId.of(member), "alice", "cross-binding found by audit").changed()).isTrue();

        assertThat(sql.queryForObject("SELECT status FROM member WHERE member_id = ?", String.class, member)).isEqualTo("FROZEN");
        assertThat(sql.queryForList("SELECT operator, action, status_before, status_after, reason FROM member_audit WHERE member_id = ?",
                member)).singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("operator", "alice").containsEntry("action", "QUARANTINE")
                            .containsEntry("status_before", "ACTIVE").containsEntry("status_after", "FROZEN");
                });
        assertThat(api.post("/api/v1/members/" + member + "/bindings", openid("wxminiapp0001", freshWeChatId("oFrz"), null)).code())
                .isEqualTo("MEMBER_NOT_ACTIVE");

        commands.releaseFromQuarantine(MemberId.of(member), "alice", "cleared");
        assertThat(sql.queryForObject("SELECT status FROM member WHERE member_id = ?", String.class, member)).isEqualTo("ACTIVE");
    }
}
