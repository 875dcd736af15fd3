package com.memberplatform.api.contract;

import com.memberplatform.api.domain.AccountBinding;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.Unionid;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A member as the consumers of change events (ES documents, caches) need it; the mobile is in E.164 form. */
public record MemberSnapshot(long memberId, String mobile, String displayName, String registeredPlatform, String status,
                             long version, Instant createdAt, List<Binding> bindings) {

    public record Binding(long bindingId, String platform, String accountType, String appId, String value, String unionid,
                          String accountKey, Instant boundAt) {

        public static Binding of(AccountBinding binding) {
            return new Binding(binding.id().value(), binding.account().platform().name(),
                    binding.account().accountType().name(), binding.account().appId(), binding.account().value(),
                    binding.unionidIfAny().map(Unionid::value).orElse(null), binding.account().canonical(), binding.boundAt());
        }
    }

    /** Every key a lookup can find this member by: its id, its mobile, each account and the unionid they carry. */
    public List<LookupKey> lookupKeys() {
        return LookupKey.all(memberId, mobile, bindings.stream().map(Binding::accountKey).toList(),
                bindings.stream().map(Binding::unionid).filter(Objects::nonNull).toList());
    }

    public static MemberSnapshot of(Member member) {
        return new MemberSnapshot(member.id().value(), member.mobile().e164(), member.displayName(),
                member.registeredPlatform().name(), member.status().name(), member.version(), member.createdAt(),
                member.bindings().stream().map(Binding::of).toList());
    }
}
