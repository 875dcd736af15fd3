package com.memberplatform.api.domain;

/** A WeChat unionid: identifies a person across every app under one WeChat open-platform account. */
public record Unionid(String value) {

    public Unionid {
        validate("unionid", value);
    }

    static void validate(String field, String value) {
        InvalidValueException.require(field, value);
        if (!Openid.FORM.matcher(value).matches()) {
            throw new InvalidValueException(field, "a WeChat unionid is 6 to 128 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return PersonalData.mask(value);
    }
}
