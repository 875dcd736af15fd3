package com.memberplatform.api.contract;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.MemberEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the write service publishes on {@code member-change-events} for every applied change, keyed and ordered by
 * member id. {@code snapshot} is the member after the change; {@code staleKeys} are lookup keys the change took away
 * (an old mobile, an unbound account), whose cache entries and lookup documents must go as well.
 */
public record MemberChangeEvent(long eventId, long memberId, long version, String changeType, Instant occurredAt,
                                MemberSnapshot snapshot, List<LookupKey> staleKeys) {

    public static final String TOPIC = "member-change-events";

    /** The event for one applied change; {@code after} is the member as that change left it. */
    public static MemberChangeEvent of(long eventId, MemberEvent event, MemberSnapshot after) {
        return new MemberChangeEvent(eventId, event.memberId().value(), event.version(), changeType(event),
                event.occurredAt(), after, staleKeys(event, after));
    }

    public static String changeType(MemberEvent event) {
        if (event instanceof MemberEvent.MemberRegistered) {
            return "REGISTERED";
        } else if (event instanceof MemberEvent.AccountBound) {
            return "ACCOUNT_BOUND";
        } else if (event instanceof MemberEvent.AccountUnbound) {
            return "ACCOUNT_UNBOUND";
        } else if (event instanceof MemberEvent.ProfileChanged) {
            return "PROFILE_CHANGED";
        } else if (event instanceof MemberEvent.MobileChanged) {
            return "MOBILE_CHANGED";
        }
        return "STATUS_CHANGED";
    }

    private static List<LookupKey> staleKeys(MemberEvent event, MemberSnapshot after) {
        List<LookupKey> keys = new ArrayList<>();
        if (event instanceof MemberEvent.MobileChanged changed) {
            keys.add(LookupKey.mobile(changed.previous()));
        } else if (event instanceof MemberEvent.AccountUnbound unbound) {
            AccountKey account = unbound.binding().account();
            keys.add(LookupKey.account(account));
            unbound.binding().unionidIfAny()
                    .filter(unionid -> after.bindings().stream().noneMatch(b -> unionid.value().equals(b.unionid())))
                    .ifPresent(unionid -> keys.add(LookupKey.account(AccountKey.unionid(unionid))));
        }
        return keys;
    }

    /** Every key a lookup can find this member by now: its id, its mobile, each account and the unionid they carry. */
    public List<LookupKey> currentKeys() {
        return snapshot.lookupKeys();
    }
}
