package com.memberplatform.api.domain;

import java.util.Objects;
import java.util.Optional;

/** An account to bind, with the unionid WeChat reported for it, if any. */
public record BindingRequest(AccountKey account, Optional<Unionid> unionid) {

    public BindingRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(unionid, "unionid");
        if (unionid.isPresent() && !account.accountType().isWeChat()) {
            throw new InvalidValueException("unionid", "only a WeChat account carries a unionid");
        }
    }

    public static BindingRequest of(AccountKey account) {
        return new BindingRequest(account, Optional.empty());
    }

    public static BindingRequest wechat(AccountKey account, Unionid unionid) {
        return new BindingRequest(account, Optional.of(unionid));
    }
}
