package com.memberplatform.web;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.AccountType;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.api.domain.Platform;
import java.util.function.Supplier;

/** Turning the fields of a JSON body into value objects, so that a 400 names the field as the caller wrote it. */
public final class RequestFields {

    private RequestFields() {
    }

    /** An account key from its four fields, named under {@code prefix} (e.g. {@code firstAccount.}). */
    public static AccountKey accountKey(String prefix, String platform, String accountType, String appId, String value) {
        return within(prefix, () -> AccountKey.of(Platform.parse(platform), AccountType.parse(accountType), appId, value));
    }

    /** Runs a construction, naming fields under {@code prefix} (e.g. {@code firstAccount.value}). */
    public static <T> T within(String prefix, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (InvalidValueException e) {
            throw new InvalidValueException(prefix + e.field(), e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }
}
