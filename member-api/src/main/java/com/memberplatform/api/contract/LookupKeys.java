package com.memberplatform.api.contract;

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
}
