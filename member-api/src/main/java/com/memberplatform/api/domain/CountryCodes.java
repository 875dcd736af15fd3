package com.memberplatform.api.domain;

import java.util.Set;

/** Splits an E.164 digit string into country calling code and national number (ITU-T E.164 assignments). */
final class CountryCodes {

    /** Two-digit codes; codes starting with 1 and 7 are one digit, everything else not listed is three digits. */
    private static final Set<String> TWO_DIGIT = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98");

    private CountryCodes() {
    }

    static int lengthOfCodeAtStartOf(String digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT.contains(digits.substring(0, 2)) ? 2 : 3;
    }
}
