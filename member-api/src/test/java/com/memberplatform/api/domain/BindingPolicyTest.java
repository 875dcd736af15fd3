package com.memberplatform.api.domain;

import static com.memberplatform.api.domain.MemberFixture.MINI_PROGRAM;
import static com.memberplatform.api.domain.MemberFixture.NOW;
import static com.memberplatform.api.domain.MemberFixture.OFFICIAL_ACCOUNT;
import static com.memberplatform.api.domain.MemberFixture.UNIONID_OF_ALICE;
import static com.memberplatform.api.domain.MemberFixture.UNIONID_OF_BOB;
import static com.memberplatform.api.domain.MemberFixture.activeMember;
import static com.memberplatform.api.domain.MemberFixture.appUser;
import static com.memberplatform.api.domain.MemberFixture.frozenMember;
import static com.memberplatform.api.domain.MemberFixture.openid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindingPolicyTest {

    private final Member alice = activeMember(1001);
    private final MemberId bob = MemberId.of(2002);

    @Test
    void shouldAllowAnAccountNobodyOwns() {
        BindingRequest request = BindingRequest.of(appUser("u-1"));

        assertThat(BindingPolicy.ONE_MEMBER_PER_ACCOUNT.check(alice, request, Owners.none())).isEqualTo(Decision.allowed());
    }

    @Test
    void shouldRejectAnAccountThatBelongsToAnotherMember() {
        BindingRequest request = BindingRequest.of(appUser("u-1"));

        Decision decision = BindingPolicy.ONE_MEMBER_PER_ACCOUNT.check(alice, request, Owners.none().withAccountOwner(bob));

        assertThat(decision).isEqualTo(Decision.rejected(RejectionReason.ACCOUNT_BOUND_TO_OTHER_MEMBER));
    }

    @Test
    void shouldAllowAnAccountTheMemberAlreadyOwns() {
        BindingRequest request = BindingRequest.of(appUser("u-1"));

        Decision decision = BindingPolicy.ONE_MEMBER_PER_ACCOUNT.check(alice, request, Owners.none().withAccountOwner(alice.id()));

        assertThat(decision.isAllowed()).isTrue();
    }

    @Test
    void shouldRejectAnOpenidWhoseUnionidBelongsToAnotherMember() {
        BindingRequest request = BindingRequest.wechat(openid(MINI_PROGRAM, "oMini_bob_000001"), UNIONID_OF_BOB);

        Decision decision = BindingPolicy.UNIONID_NOT_OWNED_BY_OTHER_MEMBER.check(alice, request,
                Owners.none().withUnionidOwner(bob));

        assertThat(decision).isEqualTo(Decision.rejected(RejectionReason.UNIONID_BOUND_TO_OTHER_MEMBER));
    }

    @Test
    void shouldAllowAnOpenidWhoseUnionidIsTheMembersOwn() {
        BindingRequest request = BindingRequest.wechat(openid(MINI_PROGRAM, "oMini_alice_0001"), UNIONID_OF_ALICE);

        Decision decision = BindingPolicy.UNIONID_NOT_OWNED_BY_OTHER_MEMBER.check(alice, request,
                Owners.none().withUnionidOwner(alice.id()));

        assertThat(decision.isAllowed()).isTrue();
    }

    @Test
    void shouldRejectASecondDifferentUnionidOnOneMember() {
        Member member = activeMember(1003);
        member.bind(BindingId.of(1), BindingRequest.wechat(openid(OFFICIAL_ACCOUNT, "oOff_alice_00001"), UNIONID_OF_ALICE),
                Owners.none(), NOW);
        BindingRequest request = BindingRequest.wechat(openid(MINI_PROGRAM, "oMini_bob_000001"), UNIONID_OF_BOB);

        Decision decision = BindingPolicy.ONE_UNIONID_PER_MEMBER.check(member, request, Owners.none());

        assertThat(decision).isEqualTo(Decision.rejected(RejectionReason.UNIONID_MISMATCH));
    }

    @Test
    void shouldRejectBindingsOnAFrozenMember() {
        Decision decision = BindingPolicy.MEMBER_IS_ACTIVE.check(frozenMember(1004), BindingRequest.of(appUser("u-9")),
                Owners.none());

        assertThat(decision).isEqualTo(Decision.rejected(RejectionReason.MEMBER_NOT_ACTIVE));
    }

    @Test
    void shouldRejectAMobileOwnedBySomebodyAtRegistration() {
        assertThat(MobilePolicy.forRegistration(Owners.none().withMobileOwner(bob)))
                .isEqualTo(Decision.rejected(RejectionReason.MOBILE_OWNED_BY_OTHER_MEMBER));
        assertThat(MobilePolicy.forRegistration(Owners.none()).isAllowed()).isTrue();
    }

    @Test
    void shouldRejectAMobileChangeToAnotherMembersMobile() {
        assertThat(MobilePolicy.forChange(alice.id(), Owners.none().withMobileOwner(bob)))
                .isEqualTo(Decision.rejected(RejectionReason.MOBILE_OWNED_BY_OTHER_MEMBER));
        assertThat(MobilePolicy.forChange(alice.id(), Owners.none().withMobileOwner(alice.id())).isAllowed()).isTrue();
    }
}
