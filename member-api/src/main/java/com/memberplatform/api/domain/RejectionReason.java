package com.memberplatform.api.domain;

/** Why the domain refused a change. The code is stable: callers and dashboards key on it. */
public enum RejectionReason {
    ACCOUNT_BOUND_TO_OTHER_MEMBER,
    UNIONID_BOUND_TO_OTHER_MEMBER,
    /** The member's WeChat accounts already carry another unionid of the same open platform. */
    UNIONID_MISMATCH,
    MOBILE_OWNED_BY_OTHER_MEMBER,
    MEMBER_NOT_ACTIVE,
    MEMBER_NOT_FOUND,
    BINDING_NOT_FOUND;

    public String code() {
        return name();
    }
}
