package com.memberplatform.stores.mysql;

import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.api.domain.AccountBinding;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.AccountType;
import com.memberplatform.api.domain.BindingId;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.api.domain.MemberStatus;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.api.domain.Unionid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Members in the sharded MySQL schema: the one place where the aggregate becomes rows and rows become the aggregate.
 * Reads outside a transaction go to the local replica; inside one (or under a write-route hint) to the master.
 */
public final class ShardedMembers {

    private final MemberRecords records;

    public ShardedMembers(MemberRecords records) {
        this.records = records;
    }

    public Optional<Member> byId(MemberId id) {
        MemberRow row = records.findMember(id.value());
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(restore(row, records.findBindings(id.value())));
    }

    /** A member as change events and documents carry it, from its rows. */
    public static MemberSnapshot snapshot(MemberRow row, List<BindingRow> bindings) {
        return MemberSnapshot.of(restore(row, bindings));
    }

    public static Member restore(MemberRow row, List<BindingRow> bindings) {
        return Member.restore(MemberId.of(row.memberId()), Mobile.parseE164(row.mobile()), row.displayName(),
                Platform.valueOf(row.registeredPlatform()), MemberStatus.valueOf(row.status()), row.version(),
                row.createdAt(), bindings.stream().map(ShardedMembers::restore).toList());
    }

    private static AccountBinding restore(BindingRow row) {
        AccountKey account = AccountKey.of(Platform.valueOf(row.platform()), AccountType.valueOf(row.accountType()),
                row.appId(), row.accountValue());
        return new AccountBinding(BindingId.of(row.bindingId()), account,
                row.unionid() == null ? null : new Unionid(row.unionid()), row.boundAt());
    }

    public static MemberRow rowOf(Member member, long lastEventId, Instant updatedAt) {
        return new MemberRow(member.id().value(), member.mobile().e164(), member.displayName(),
                member.registeredPlatform().name(), member.status().name(), member.version(), lastEventId, member.createdAt(),
                updatedAt);
    }

    public static BindingRow rowOf(MemberId member, AccountBinding binding) {
        AccountKey account = binding.account();
        return new BindingRow(binding.id().value(), member.value(), account.platform().name(), account.accountType().name(),
                account.appId(), account.value(), binding.unionidIfAny().map(Unionid::value).orElse(null), binding.boundAt());
    }
}
