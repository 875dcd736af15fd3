package com.memberplatform.api.domain;

/** The kind of external account, and the platform it belongs to. */
public enum AccountType {
    /** A user id of one of the company's apps; the app id names the app. */
    APP_USER(Platform.TRAVEL_APP),
    /** A WeChat openid: unique per official account or mini-program, whose appid is the app id. */
    WECHAT_OPENID(Platform.WECHAT),
    /** A WeChat unionid: one person across every app of one WeChat open-platform account (the app id). */
    WECHAT_UNIONID(Platform.WECHAT),
    ALIPAY_USER(Platform.ALIPAY),
    PARTNER_USER(Platform.PARTNER);

    private final Platform platform;

    AccountType(Platform platform) {
        this.platform = platform;
    }

    public Platform platform() {
        return platform;
    }

    public boolean isWeChat() {
        return platform == Platform.WECHAT;
    }

    public static AccountType parse(String text) {
        return Enums.parse(AccountType.class, "accountType", text);
    }
}
