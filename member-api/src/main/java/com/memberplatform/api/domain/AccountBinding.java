package com.memberplatform.api.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One external account bound to a member; a WeChat account may carry the unionid WeChat reported with it. */
public record AccountBinding(BindingId id, AccountKey account, Unionid unionid, Instant boundAt) {

    public AccountBinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(boundAt, "boundAt");
        if (unionid != null && !account.accountType().isWeChat()) {
            throw new InvalidValueException("unionid", "only a WeChat account carries a unionid");
        }
    }

    public Optional<Unionid> unionidIfAny() {
        return Optional.ofNullable(unionid);
    }
}
