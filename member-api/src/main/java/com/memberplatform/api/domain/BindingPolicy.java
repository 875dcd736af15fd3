package com.memberplatform.api.domain;

import java.util.List;

/**
 * One rule an account binding must satisfy. Rules are small and pure; {@link #all()} is the list every binding
 * goes through, in the order their rejections should be reported.
 */
@FunctionalInterface
public interface BindingPolicy {

    Decision check(Member member, BindingRequest request, Owners owners);

    /** Only an active member may change bindings (a frozen member is under quarantine). */
    BindingPolicy MEMBER_IS_ACTIVE = (member, request, owners) -> member.status() == MemberStatus.ACTIVE
            ? Decision.allowed() : Decision.rejected(RejectionReason.MEMBER_NOT_ACTIVE);

    /** An external account belongs to at most one member. */
    BindingPolicy ONE_MEMBER_PER_ACCOUNT = (member, request, owners) -> owners.ofAccount()
            .filter(owner -> !owner.equals(member.id()))
            .map(owner -> Decision.rejected(RejectionReason.ACCOUNT_BOUND_TO_OTHER_MEMBER))
            .orElse(Decision.allowed());

    /** An openid whose unionid already belongs to another member cannot be bound: that is the seeds' cross-binding bug. */
    BindingPolicy UNIONID_NOT_OWNED_BY_OTHER_MEMBER = (member, request, owners) -> request.unionid().isPresent()
            && owners.ofUnionid().filter(owner -> !owner.equals(member.id())).isPresent()
            ? Decision.rejected(RejectionReason.UNIONID_BOUND_TO_OTHER_MEMBER) : Decision.allowed();

    /** All WeChat accounts of one member agree on the unionid: a second, different unionid is a different person. */
    BindingPolicy ONE_UNIONID_PER_MEMBER = (member, request, owners) -> request.unionid()
            .filter(unionid -> member.unionid().filter(existing -> !existing.equals(unionid)).isPresent())
            .map(unionid -> Decision.rejected(RejectionReason.UNIONID_MISMATCH))
            .orElse(Decision.allowed());

    static List<BindingPolicy> all() {
        return List.of(MEMBER_IS_ACTIVE, ONE_MEMBER_PER_ACCOUNT, UNIONID_NOT_OWNED_BY_OTHER_MEMBER, ONE_UNIONID_PER_MEMBER);
    }

    /** The first rejection of the given policies, or allowed. */
    static Decision firstRejection(List<BindingPolicy> policies, Member member, BindingRequest request, Owners owners) {
        for (BindingPolicy policy : policies) {
            Decision decision = policy.check(member, request, owners);
            if (!decision.isAllowed()) {
                return decision;
            }
        }
        return Decision.allowed();
    }
}
