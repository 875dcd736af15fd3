package com.memberplatform.api.domain;

/** Masks personal data (mobile numbers, openids, unionids) wherever it would be printed or logged. */
public final class PersonalData {

    private PersonalData() {
    }

    /** Keeps a short head and tail so operators can tell values apart, hides the rest. */
    public static String mask(String value) {
        if (value == null) {
            return "null";
        }
        int length = value.length();
        if (length <= 4) {
            return "*".repeat(length);
        }
        int keep = length >= 11 ? 3 : 1;
        int tail = length >= 11 ? 4 : 2;
        return value.substring(0, keep) + "*".repeat(length - keep - tail) + value.substring(length - tail);
    }
}
