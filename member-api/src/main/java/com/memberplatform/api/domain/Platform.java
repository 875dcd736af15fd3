package com.memberplatform.api.domain;

/** Where an external account lives. */
public enum Platform {
    /** The company's own apps (iOS, Android, web). */
    TRAVEL_APP,
    /** WeChat official accounts and mini-programs. */
    WECHAT,
    ALIPAY,
    /** Other partner logins. */
    PARTNER;

    public static Platform parse(String text) {
        return Enums.parse(Platform.class, "platform", text);
    }
}
