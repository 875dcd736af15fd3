package com.memberplatform.api.domain;

import java.util.Optional;

/**
 * What a command on a member came to: the event it produced, nothing to do (the change was already there), or a
 * rejection with its reason. Commands return outcomes; they do not throw for business rules.
 */
public sealed interface Outcome permits Outcome.Applied, Outcome.Unchanged, Outcome.Rejected {

    record Applied(MemberEvent event) implements Outcome {
    }

    record Unchanged() implements Outcome {
    }

    record Rejected(RejectionReason reason) implements Outcome {
    }

    default Optional<MemberEvent> producedEvent() {
        return this instanceof Applied applied ? Optional.of(applied.event()) : Optional.empty();
    }
}
