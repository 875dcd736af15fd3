package com.memberplatform.write.commands;

import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.RejectionReason;
import java.util.Optional;

/** What a command came to: the member as it now stands, or the reason it was refused (nothing written). */
public record CommandResult(Optional<Member> member, Optional<RejectionReason> rejection, boolean changed) {

    static CommandResult applied(Member member) {
        return new CommandResult(Optional.of(member), Optional.empty(), true);
    }

    static CommandResult unchanged(Member member) {
        return new CommandResult(Optional.of(member), Optional.empty(), false);
    }

    static CommandResult rejected(RejectionReason reason) {
        return new CommandResult(Optional.empty(), Optional.of(reason), false);
    }
}
