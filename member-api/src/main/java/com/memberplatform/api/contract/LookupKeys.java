package com.memberplatform.api.contract;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.Unionid;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The text form of every lookup key: cache keys, ES lookup document ids and routing values all derive from these,
 * so writers, the sync consumer and readers agree on them.
 */
public final class LookupKeys {

    private LookupKeys() {
    }

    public static String memberId(long memberId) {
        return "id:" + memberId;
    }

    public static String mobile(String e164) {
        return "mobile:" + e164;
    }

    public static String account(String canonicalAccountKey) {
        return "account:" + canonicalAccountKey;
    }

    /** Every key a lookup can find a member by: its id, its mobile, each account and each unionid they carry. */
    public static List<String> all(long memberId, String mobile, List<String> canonicalAccountKeys, List<String> unionids) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        keys.add(memberId(memberId));
        keys.add(mobile(mobile));
        canonicalAccountKeys.forEach(key -> keys.add(account(key)));
        unionids.forEach(unionid -> keys.add(account(AccountKey.unionid(new Unionid(unionid)).canonical())));
        return List.copyOf(keys);
    }
}
