package com.memberplatform.api.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.PersonalData;
import com.memberplatform.api.domain.Unionid;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A value a member can be looked up by: its id, its mobile, or an account (an openid, a unionid, any other binding).
 * The text form {@code kind:value} ({@code id:42}, {@code mobile:+8613800138000},
 * {@code account:WECHAT|WECHAT_OPENID|wx1|o6_b...}) is the cache key, the id of the ES lookup document, the flow
 * rules' hot-key name and what change events carry; it is printed by {@link #toString()} and read by
 * {@link #parse(String)}, nowhere else.
 */
public final class LookupKey implements Comparable<LookupKey> {

    /** What a lookup key is made of. */
    public enum Kind {
        ID,
        MOBILE,
        ACCOUNT;

        /** The prefix of the text form, e.g. {@code mobile}; also how an answer names the kind. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{4,14}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Z_]+\\|[A-Z_]+\\|[\\x21-\\x7E&&[^|]]+\\|[\\x21-\\x7E&&[^|]]+");

    private final Kind kind;
    private final String value;
    private final String text;

    private LookupKey(Kind kind, String value) {
        boolean wellFormed = switch (kind) {
            case ID -> ID.matcher(value).matches() && fitsInALong(value);
            case MOBILE -> E164.matcher(value).matches();
            case ACCOUNT -> ACCOUNT.matcher(value).matches();
        };
        if (!wellFormed) {
            throw new IllegalArgumentException("not a " + kind.label() + " lookup key");
        }
        this.kind = kind;
        this.value = value;
        this.text = kind.label() + ':' + value;
    }

    private static boolean fitsInALong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static LookupKey memberId(long memberId) {
        return new LookupKey(Kind.ID, Long.toString(memberId));
    }

    public static LookupKey mobile(Mobile mobile) {
        return mobile(mobile.e164());
    }

    /** The key of a mobile in E.164 form. */
    public static LookupKey mobile(String e164) {
        return new LookupKey(Kind.MOBILE, e164);
    }

    public static LookupKey account(AccountKey account) {
        return account(account.canonical());
    }

    /** The key of an account in its canonical form ({@link AccountKey#canonical()}). */
    public static LookupKey account(String canonicalAccountKey) {
        return new LookupKey(Kind.ACCOUNT, canonicalAccountKey);
    }

    /** Reads the text form; throws {@link IllegalArgumentException} for anything {@link #toString()} cannot print. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LookupKey parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a lookup key is id:N, mobile:+E164 or account:platform|type|appId|value");
        }
        String prefix = text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.label().equals(prefix)) {
                return new LookupKey(kind, text.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("a lookup key is id:N, mobile:+E164 or account:platform|type|appId|value");
    }

    /** Every key a lookup can find a member by: its id, its mobile, each account and each unionid they carry. */
    public static List<LookupKey> all(long memberId, String mobile, List<String> canonicalAccountKeys, List<String> unionids) {
        LinkedHashSet<LookupKey> keys = new LinkedHashSet<>();
        keys.add(memberId(memberId));
        keys.add(mobile(mobile));
        canonicalAccountKeys.forEach(key -> keys.add(account(key)));
        unionids.forEach(unionid -> keys.add(account(AccountKey.unionid(new Unionid(unionid)))));
        return List.copyOf(keys);
    }

    public Kind kind() {
        return kind;
    }

    /** The value without its kind: digits of an id, an E.164 mobile, a canonical account key. */
    public String value() {
        return value;
    }

    /** The member id of an {@link Kind#ID} key. */
    public long memberId() {
        if (kind != Kind.ID) {
            throw new IllegalStateException("not a member id key");
        }
        return Long.parseLong(value);
    }

    /** The text form with the value masked unless it is an id, for logs and block records. */
    public String masked() {
        return kind == Kind.ID ? text : kind.label() + ':' + PersonalData.mask(value);
    }

    /** The text form; it holds personal data (a mobile, an openid): never log it. */
    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    /** By text form. */
    @Override
    public int compareTo(LookupKey other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LookupKey key && key.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
