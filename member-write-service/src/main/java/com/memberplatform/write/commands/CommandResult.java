package com.memberplatform.write.commands;

import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.RejectionReason;
import java.util.Optional;

/**
 * What a command came to: the member as it now stands, the reason the domain refused it, or a conflict (the member
 * kept changing under it, every attempt lost the race on its version); nothing is written unless a member is given.
 */
public record CommandResult(Optional<Member> member, Optional<RejectionReason> rejection, boolean changed, boolean conflicted) {

    static CommandResult applied(Member member) {
        return new CommandResult(Optional.of(member), Optional.empty(), true, false);
    }

    static CommandResult unchanged(Member member) {
        return new CommandResult(Optional.of(member), Optional.empty(), false, false);
    }

    static CommandResult rejected(RejectionReason reason) {
        return new CommandResult(Optional.empty(), Optional.of(reason), false, false);
    }

    static CommandResult conflict() {
        return new CommandResult(Optional.empty(), Optional.empty(), false, true);
    }
}
