package com.memberplatform.web;

import com.memberplatform.api.contract.ErrorCode;

/** A request the platform refuses, with the stable code callers key on and, where one is at fault, the field. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public ApiException(ErrorCode code, String detail, String field) {
        super(detail);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
