package com.memberplatform.api.domain;

import java.util.regex.Pattern;

/**
 * Identifies one external account: platform + account type + app id + value. An external account belongs to at
 * most one member, so this is also the key of the account index.
 */
public record AccountKey(Platform platform, AccountType accountType, String appId, String value) {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E&&[^|]]{1,128}");
    private static final char SEPARATOR = '|';

    public AccountKey {
        if (platform == null) {
            throw new InvalidValueException("platform", "is required");
        }
        if (accountType == null) {
            throw new InvalidValueException("accountType", "is required");
        }
        if (accountType.platform() != platform) {
            throw new InvalidValueException("accountType", accountType + " is not an account type of " + platform);
        }
        InvalidValueException.require("appId", appId);
        InvalidValueException.require("value", value);
        if (!APP_ID.matcher(appId).matches()) {
            throw new InvalidValueException("appId", "must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (accountType == AccountType.WECHAT_OPENID) {
            Openid.validate("value", value);
        } else if (accountType == AccountType.WECHAT_UNIONID) {
            Unionid.validate("value", value);
        } else if (!VALUE.matcher(value).matches()) {
            throw new InvalidValueException("value", "must be 1 to 128 visible ASCII characters without '|'");
        }
    }

    public static AccountKey of(Platform platform, AccountType type, String appId, String value) {
        return new AccountKey(platform, type, appId, value);
    }

    public static AccountKey openid(String appId, Openid openid) {
        return new AccountKey(Platform.WECHAT, AccountType.WECHAT_OPENID, appId, openid.value());
    }

    /** The company's one WeChat open-platform account, under which every unionid is issued (decision 0004). */
    public static final String WECHAT_OPEN_PLATFORM = "wechat-open-platform";

    public static AccountKey unionid(Unionid unionid) {
        return new AccountKey(Platform.WECHAT, AccountType.WECHAT_UNIONID, WECHAT_OPEN_PLATFORM, unionid.value());
    }

    /** The stable text form used as index key and routing value: {@code WECHAT|WECHAT_OPENID|wx8f...|o6_b...}. */
    public String canonical() {
        return platform.name() + SEPARATOR + accountType.name() + SEPARATOR + appId + SEPARATOR + value;
    }

    public static AccountKey parseCanonical(String text) {
        InvalidValueException.require("accountKey", text);
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4) {
            throw new InvalidValueException("accountKey", "must be platform|accountType|appId|value");
        }
        return new AccountKey(Platform.parse(parts[0]), AccountType.parse(parts[1]), parts[2], parts[3]);
    }

    public String masked() {
        return platform.name() + SEPARATOR + accountType.name() + SEPARATOR + appId + SEPARATOR + PersonalData.mask(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
