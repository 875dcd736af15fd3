package com.memberplatform.write.governance;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.AccountType;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.PersonalData;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.stores.mysql.BindingRow;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.MemberRow;
import com.memberplatform.write.governance.AuditReport.Finding;
import com.memberplatform.write.governance.AuditReport.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Scans the stored members and bindings for abnormal relationships that governance would refuse today but that
 * older code or direct writes left behind. The scan reads every shard page by page; duplicates are found by
 * grouping values in memory one hash bucket at a time, so memory stays bounded by {@code buckets}.
 */
public final class MemberAudit {

    private static final int PAGE = 1_000;

    private final MemberRecords records;

    public MemberAudit(MemberRecords records) {
        this.records = records;
    }

    public AuditReport run(int buckets) {
        AuditReport report = new AuditReport();
        long[] members = {0};
        long[] bindings = {0};
        for (int bucket = 0; bucket < buckets; bucket++) {
            int current = bucket;
            Map<String, Set<Long>> mobiles = new HashMap<>();
            Map<String, Set<Long>> accounts = new HashMap<>();
            Map<String, Set<Long>> unionids = new HashMap<>();
            members[0] = scanMembers((row, ignored) -> {
                if (inBucket(row.mobile(), current, buckets)) {
                    mobiles.computeIfAbsent(row.mobile(), k -> new TreeSet<>()).add(row.memberId());
                }
            });
            bindings[0] = scanBindingsByMember((member, rows) -> {
                for (BindingRow row : rows) {
                    String key = accountKey(row);
                    if (inBucket(key, current, buckets)) {
                        accounts.computeIfAbsent(key, k -> new TreeSet<>()).add(member);
                    }
                    if (row.unionid() != null && inBucket(row.unionid(), current, buckets)) {
                        unionids.computeIfAbsent(row.unionid(), k -> new TreeSet<>()).add(member);
                    }
                }
                if (current == 0 && distinctUnionids(rows) > 1) {
                    report.add(new Finding(Kind.UNIONID_DISAGREES_ON_MEMBER, "member " + member, Set.of(member)));
                }
            });
            duplicates(mobiles, Kind.MOBILE_ON_TWO_MEMBERS, mobile -> Mobile.parseE164(mobile).masked(), report);
            duplicates(accounts, Kind.ACCOUNT_ON_TWO_MEMBERS, key -> AccountKey.parseCanonical(key).masked(), report);
            duplicates(unionids, Kind.UNIONID_ON_TWO_MEMBERS, PersonalData::mask, report);
        }
        report.scanned(members[0], bindings[0]);
        return report;
    }

    private long scanMembers(BiConsumer<MemberRow, Void> each) {
        long after = 0;
        long seen = 0;
        while (true) {
            List<MemberRow> page = records.scanMembers(after, Long.MAX_VALUE, PAGE);
            page.forEach(row -> each.accept(row, null));
            seen += page.size();
            if (page.size() < PAGE) {
                return seen;
            }
            after = page.get(page.size() - 1).memberId();
        }
    }

    /** Hands over each member's bindings together, though a member's rows may straddle two pages. */
    private long scanBindingsByMember(BiConsumer<Long, List<BindingRow>> each) {
        long afterMember = 0;
        long afterBinding = 0;
        long seen = 0;
        List<BindingRow> current = new ArrayList<>();
        while (true) {
            List<BindingRow> page = records.scanBindings(afterMember, afterBinding, PAGE);
            for (BindingRow row : page) {
                if (!current.isEmpty() && current.get(0).memberId() != row.memberId()) {
                    each.accept(current.get(0).memberId(), current);
                    current = new ArrayList<>();
                }
                current.add(row);
            }
            seen += page.size();
            if (page.size() < PAGE) {
                if (!current.isEmpty()) {
                    each.accept(current.get(0).memberId(), current);
                }
                return seen;
            }
            BindingRow last = page.get(page.size() - 1);
            afterMember = last.memberId();
            afterBinding = last.bindingId();
        }
    }

    private static long distinctUnionids(List<BindingRow> rows) {
        return rows.stream().map(row -> row.accountType().equals(AccountType.WECHAT_UNIONID.name()) ? row.accountValue() : row.unionid())
                .filter(java.util.Objects::nonNull).distinct().count();
    }

    private static String accountKey(BindingRow row) {
        return AccountKey.of(Platform.valueOf(row.platform()), AccountType.valueOf(row.accountType()), row.appId(),
                row.accountValue()).canonical();
    }

    private static void duplicates(Map<String, Set<Long>> owners, Kind kind, java.util.function.Function<String, String> mask,
                                   AuditReport report) {
        owners.forEach((value, members) -> {
            if (members.size() > 1) {
                report.add(new Finding(kind, mask.apply(value), members));
            }
        });
    }

    private static boolean inBucket(String value, int bucket, int buckets) {
        return buckets == 1 || Math.floorMod(value.hashCode(), buckets) == bucket;
    }
}
