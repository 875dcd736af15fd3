package com.memberplatform.write.web;

import com.memberplatform.api.domain.Member;
import java.util.List;

/** What a write answers: the member's id and version after the command, and its bindings. Ids are strings (64-bit). */
public record MemberResponse(String memberId, long version, String status, List<Binding> bindings) {

    public record Binding(String bindingId, String platform, String accountType, String appId) {
    }

    static MemberResponse of(Member member) {
        return new MemberResponse(member.id().toString(), member.version(), member.status().name(),
                member.bindings().stream().map(b -> new Binding(b.id().toString(), b.account().platform().name(),
                        b.account().accountType().name(), b.account().appId())).toList());
    }
}
