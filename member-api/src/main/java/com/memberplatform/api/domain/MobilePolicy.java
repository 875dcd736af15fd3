package com.memberplatform.api.domain;

/** A mobile number belongs to one member. */
public final class MobilePolicy {

    private MobilePolicy() {
    }

    /** For a registration: nobody may own the mobile yet. */
    public static Decision forRegistration(Owners owners) {
        return owners.ofMobile().isPresent()
                ? Decision.rejected(RejectionReason.MOBILE_OWNED_BY_OTHER_MEMBER) : Decision.allowed();
    }

    /** For a change: the new mobile may only be owned by this member already. */
    public static Decision forChange(MemberId member, Owners owners) {
        return owners.ofMobile().filter(owner -> !owner.equals(member)).isPresent()
                ? Decision.rejected(RejectionReason.MOBILE_OWNED_BY_OTHER_MEMBER) : Decision.allowed();
    }
}
