package com.memberplatform.api.domain;

import java.util.regex.Pattern;

/**
 * A mobile number with its country calling code, kept in E.164 form ({@code +8613800138000}).
 * Chinese mainland numbers (86) must have 11 digits starting with 1; others 4 to 14 digits, at most 15 in all.
 */
public record Mobile(String countryCode, String number) {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{4,14}");
    private static final Pattern CHINA_MAINLAND = Pattern.compile("1[3-9][0-9]{9}");

    public Mobile {
        InvalidValueException.require("mobile.countryCode", countryCode);
        InvalidValueException.require("mobile.number", number);
        if (!COUNTRY_CODE.matcher(countryCode).matches()) {
            throw new InvalidValueException("mobile.countryCode", "must be 1 to 3 digits, not starting with 0");
        }
        if (!NUMBER.matcher(number).matches() || countryCode.length() + number.length() > 15) {
            throw new InvalidValueException("mobile.number", "must be 4 to 14 digits, at most 15 with the country code");
        }
        if (countryCode.equals("86") && !CHINA_MAINLAND.matcher(number).matches()) {
            throw new InvalidValueException("mobile.number", "a +86 number has 11 digits and starts with 13-19");
        }
    }

    public static Mobile of(String countryCode, String number) {
        return new Mobile(countryCode, number);
    }

    /** Parses E.164 text such as {@code +8613800138000}; the country code is split off by known prefixes. */
    public static Mobile parseE164(String text) {
        InvalidValueException.require("mobile", text);
        if (!text.startsWith("+") || text.length() < 6 || !text.substring(1).chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("mobile", "must be in E.164 form, e.g. +8613800138000");
        }
        String digits = text.substring(1);
        int codeLength = CountryCodes.lengthOfCodeAtStartOf(digits);
        return new Mobile(digits.substring(0, codeLength), digits.substring(codeLength));
    }

    public String e164() {
        return "+" + countryCode + number;
    }

    public String masked() {
        return "+" + countryCode + " " + PersonalData.mask(number);
    }

    @Override
    public String toString() {
        return masked();
    }
}
