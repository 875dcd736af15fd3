package com.memberplatform.api.domain;

/** The optional name a member shows; at most 64 characters, no control characters. */
public final class DisplayName {

    private DisplayName() {
    }

    /** The name stripped, or null for none; refuses (400 {@code displayName}) a blank, long or control-character name. */
    public static String validate(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 64 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("displayName", "must be 1 to 64 characters without control characters");
        }
        return value.strip();
    }
}
