package com.memberplatform.api.domain;

import java.util.Optional;

/**
 * Who owns the values a change touches, as the index tables say at the time of the change. Policies decide from
 * these facts; the write service reads them under the same transaction that applies the decision.
 */
public record Owners(Optional<MemberId> ofAccount, Optional<MemberId> ofUnionid, Optional<MemberId> ofMobile) {

    public static Owners none() {
        return new Owners(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Owners withAccountOwner(MemberId owner) {
        return new Owners(Optional.of(owner), ofUnionid, ofMobile);
    }

    public Owners withUnionidOwner(MemberId owner) {
        return new Owners(ofAccount, Optional.of(owner), ofMobile);
    }

    public Owners withMobileOwner(MemberId owner) {
        return new Owners(ofAccount, ofUnionid, Optional.of(owner));
    }
}
