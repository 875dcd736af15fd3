package com.memberplatform.query.web;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Unionid;
import com.memberplatform.web.RequestFields;
import java.util.ArrayList;
import java.util.List;

/** The JSON bodies of the lookup API, and their translation into lookup keys (400 naming the field on failure). */
final class QueryRequests {

    static final int MAX_BATCH = 100;

    private QueryRequests() {
    }

    /** Exactly one of: a mobile (E.164), an account key, a WeChat unionid. */
    record Lookup(String mobile, Account account, String unionid) {
    }

    record Account(String platform, String accountType, String appId, String value) {
    }

    record BatchGet(List<String> memberIds) {
    }

    static LookupKey lookupKey(Lookup body) {
        if (body == null) {
            throw new InvalidValueException("body", "is required");
        }
        int given = (body.mobile() == null ? 0 : 1) + (body.account() == null ? 0 : 1) + (body.unionid() == null ? 0 : 1);
        if (given != 1) {
            throw new InvalidValueException("body", "name exactly one of mobile, account, unionid");
        }
        if (body.mobile() != null) {
            return LookupKey.mobile(Mobile.parseE164(body.mobile()));
        }
        if (body.unionid() != null) {
            return LookupKey.account(AccountKey.unionid(RequestFields.within("", () -> new Unionid(body.unionid()))));
        }
        Account account = body.account();
        return LookupKey.account(RequestFields.accountKey("account.", account.platform(), account.accountType(), account.appId(),
                account.value()));
    }

    static List<Long> memberIds(BatchGet body) {
        if (body == null || body.memberIds() == null || body.memberIds().isEmpty()) {
            throw new InvalidValueException("memberIds", "is required (1 to " + MAX_BATCH + " ids)");
        }
        if (body.memberIds().size() > MAX_BATCH) {
            throw new InvalidValueException("memberIds", "at most " + MAX_BATCH + " ids");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < body.memberIds().size(); i++) {
            try {
                ids.add(MemberId.parse(body.memberIds().get(i)).value());
            } catch (InvalidValueException e) {
                throw new InvalidValueException("memberIds[" + i + "]", "must be a positive number");
            }
        }
        return ids;
    }
}
