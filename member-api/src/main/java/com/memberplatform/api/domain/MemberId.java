package com.memberplatform.api.domain;

/** A member's identity: a positive 64-bit number, unique across the platform. */
public record MemberId(long value) {

    public MemberId {
        if (value <= 0) {
            throw new InvalidValueException("memberId", "must be a positive number");
        }
    }

    public static MemberId of(long value) {
        return new MemberId(value);
    }

    /** Parses the decimal form used in URLs and documents. */
    public static MemberId parse(String text) {
        InvalidValueException.require("memberId", text);
        if (text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("memberId", "must be a positive number");
        }
        try {
            return new MemberId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new InvalidValueException("memberId", "must be a positive number");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
