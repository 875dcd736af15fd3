package com.memberplatform.write.web;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.api.domain.Unionid;
import com.memberplatform.web.RequestFields;
import java.util.Optional;

/** The JSON bodies of the write API, and their translation into value objects (400 naming the field on failure). */
public final class MemberRequests {

    private MemberRequests() {
    }

    public record Register(String mobile, String displayName, String platform, Account firstAccount) {
    }

    public record Account(String platform, String accountType, String appId, String value, String unionid) {
    }

    public record Profile(String displayName) {
    }

    public record MobileChange(String mobile) {
    }

    static Mobile mobile(String text) {
        return Mobile.parseE164(text);
    }

    static Platform platform(String text) {
        return Platform.parse(text);
    }

    static BindingRequest binding(Account account, String prefix) {
        if (account == null) {
            throw new InvalidValueException(prefix.isEmpty() ? "body" : prefix, "is required");
        }
        String at = prefix.isEmpty() ? "" : prefix + ".";
        AccountKey key = RequestFields.accountKey(at, account.platform(), account.accountType(), account.appId(), account.value());
        Optional<Unionid> unionid = account.unionid() == null ? Optional.empty()
                : Optional.of(RequestFields.within(at, () -> new Unionid(account.unionid())));
        return RequestFields.within(at, () -> new BindingRequest(key, unionid));
    }
}
