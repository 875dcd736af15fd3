package com.memberplatform.api.domain;

/**
 * A value object refused its input. Carries the field that was wrong so callers can answer 400 naming it;
 * the message never repeats the personal data it was given.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }
}
