package com.memberplatform.api.domain;

public enum MemberStatus {
    ACTIVE,
    /** Quarantined by an operator: no binding changes until released. */
    FROZEN,
    CANCELLED
}
