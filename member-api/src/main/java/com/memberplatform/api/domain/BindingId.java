package com.memberplatform.api.domain;

/** Identity of one account binding of a member. */
public record BindingId(long value) {

    public BindingId {
        if (value <= 0) {
            throw new InvalidValueException("bindingId", "must be a positive number");
        }
    }

    public static BindingId of(long value) {
        return new BindingId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
