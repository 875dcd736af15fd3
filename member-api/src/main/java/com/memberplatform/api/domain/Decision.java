package com.memberplatform.api.domain;

/** A policy's verdict: allowed, or rejected with a reason. */
public sealed interface Decision permits Decision.Allowed, Decision.Rejected {

    Allowed ALLOWED = new Allowed();

    static Decision allowed() {
        return ALLOWED;
    }

    static Decision rejected(RejectionReason reason) {
        return new Rejected(reason);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    record Allowed() implements Decision {
    }

    record Rejected(RejectionReason reason) implements Decision {
    }
}
