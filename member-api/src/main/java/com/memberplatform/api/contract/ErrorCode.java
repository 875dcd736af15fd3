package com.memberplatform.api.contract;

import com.memberplatform.api.domain.RejectionReason;

/**
 * Every error a caller can receive, with its HTTP status. The names are the stable {@code code} of the
 * {@code application/problem+json} answer: never rename one, only add.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "A field of the request is invalid"),
    MALFORMED_REQUEST(400, "The request body is not valid JSON for this operation"),
    PAYLOAD_TOO_LARGE(400, "The request body is too large"),
    UNAUTHENTICATED(401, "The caller is not known or its token does not match"),
    FORBIDDEN(403, "The caller may not do this"),
    MEMBER_NOT_FOUND(404, "No such member"),
    BINDING_NOT_FOUND(404, "No such binding on this member"),
    ACCOUNT_BOUND_TO_OTHER_MEMBER(409, "The account is bound to another member"),
    UNIONID_BOUND_TO_OTHER_MEMBER(409, "The WeChat unionid belongs to another member"),
    UNIONID_MISMATCH(409, "The member's WeChat accounts carry a different unionid"),
    MOBILE_OWNED_BY_OTHER_MEMBER(409, "The mobile number belongs to another member"),
    MEMBER_NOT_ACTIVE(409, "The member is frozen or cancelled"),
    IDEMPOTENCY_KEY_REUSED(409, "The idempotency key was used for a different request"),
    CONCURRENT_MODIFICATION(409, "The member changed while this request ran; retry it"),
    RATE_LIMITED(429, "Too many requests"),
    STORE_UNAVAILABLE(503, "A store the answer needs is unavailable"),
    INTERNAL_ERROR(500, "The request failed; the platform logged why");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name();
    }

    /** The error a domain rejection leaves as. */
    public static ErrorCode of(RejectionReason reason) {
        return ErrorCode.valueOf(reason.code());
    }
}
