package com.memberplatform.api.domain;

import java.util.regex.Pattern;

/** A WeChat openid: identifies a person within one official account or mini-program. */
public record Openid(String value) {

    static final Pattern FORM = Pattern.compile("[A-Za-z0-9_\\-]{6,128}");

    public Openid {
        validate("openid", value);
    }

    static void validate(String field, String value) {
        InvalidValueException.require(field, value);
        if (!FORM.matcher(value).matches()) {
            throw new InvalidValueException(field, "a WeChat openid is 6 to 128 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return PersonalData.mask(value);
    }
}
