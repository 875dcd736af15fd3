package com.memberplatform.api.domain;

import java.time.Instant;
import java.util.List;

/** Members and accounts for tests that read as sentences. */
final class MemberFixture {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final String OFFICIAL_ACCOUNT = "wx0fficial0001";
    static final String MINI_PROGRAM = "wxm1n1pr0gram02";
    static final Unionid UNIONID_OF_ALICE = new Unionid("oUnion_alice_0001");
    static final Unionid UNIONID_OF_BOB = new Unionid("oUnion_bob_000002");

    private MemberFixture() {
    }

    static Member activeMember(long id) {
        return Member.restore(MemberId.of(id), Mobile.of("86", "1380013" + String.format("%04d", id % 10000)), null,
                Platform.TRAVEL_APP, MemberStatus.ACTIVE, 1, NOW, List.of());
    }

    static Member frozenMember(long id) {
        return Member.restore(MemberId.of(id), Mobile.of("86", "13900139000"), null, Platform.TRAVEL_APP,
                MemberStatus.FROZEN, 3, NOW, List.of());
    }

    static AccountKey openid(String app, String openid) {
        return AccountKey.openid(app, new Openid(openid));
    }

    static AccountKey appUser(String value) {
        return AccountKey.of(Platform.TRAVEL_APP, AccountType.APP_USER, "travel-ios", value);
    }
}
