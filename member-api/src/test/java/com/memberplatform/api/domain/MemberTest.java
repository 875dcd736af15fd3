package com.memberplatform.api.domain;

import static com.memberplatform.api.domain.MemberFixture.MINI_PROGRAM;
import static com.memberplatform.api.domain.MemberFixture.NOW;
import static com.memberplatform.api.domain.MemberFixture.UNIONID_OF_BOB;
import static com.memberplatform.api.domain.MemberFixture.activeMember;
import static com.memberplatform.api.domain.MemberFixture.appUser;
import static com.memberplatform.api.domain.MemberFixture.openid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberTest {

    @Test
    void shouldRegisterAtVersionOneWithAnEvent() {
        Member.Registration registration = Member.register(MemberId.of(7), Mobile.of("86", "13800138000"), "Li Lei",
                Platform.WECHAT, Owners.none(), NOW);

        assertThat(registration.member()).get().extracting(Member::version, Member::status)
                .containsExactly(1L, MemberStatus.ACTIVE);
        assertThat(registration.outcome().producedEvent()).get().isInstanceOf(MemberEvent.MemberRegistered.class);
    }

    @Test
    void shouldNotRegisterAMobileThatIsTaken() {
        Member.Registration registration = Member.register(MemberId.of(7), Mobile.of("86", "13800138000"), null,
                Platform.WECHAT, Owners.none().withMobileOwner(MemberId.of(8)), NOW);

        assertThat(registration.member()).isEmpty();
        assertThat(registration.outcome()).isEqualTo(new Outcome.Rejected(RejectionReason.MOBILE_OWNED_BY_OTHER_MEMBER));
    }

    @Test
    void shouldBumpTheVersionOnEveryAppliedChange() {
        Member member = activeMember(11);

        Outcome bound = member.bind(BindingId.of(5), BindingRequest.of(appUser("u-11")), Owners.none(), NOW);
        Outcome renamed = member.changeProfile("Han Meimei", NOW);
        Outcome unbound = member.unbind(BindingId.of(5), NOW);

        assertThat(bound.producedEvent()).get().extracting(MemberEvent::version).isEqualTo(2L);
        assertThat(renamed.producedEvent()).get().extracting(MemberEvent::version).isEqualTo(3L);
        assertThat(unbound.producedEvent()).get().extracting(MemberEvent::version).isEqualTo(4L);
        assertThat(member.version()).isEqualTo(4);
        assertThat(member.bindings()).isEmpty();
    }

    @Test
    void shouldLeaveTheMemberUnchangedWhenABindingIsRejected() {
        Member member = activeMember(12);

        Outcome outcome = member.bind(BindingId.of(6), BindingRequest.wechat(openid(MINI_PROGRAM, "oMini_bob_000001"),
                UNIONID_OF_BOB), Owners.none().withUnionidOwner(MemberId.of(99)), NOW);

        assertThat(outcome).isEqualTo(new Outcome.Rejected(RejectionReason.UNIONID_BOUND_TO_OTHER_MEMBER));
        assertThat(member.version()).isEqualTo(1);
        assertThat(member.bindings()).isEmpty();
    }

    @Test
    void shouldTreatBindingTheSameAccountAgainAsNoChange() {
        Member member = activeMember(13);
        member.bind(BindingId.of(7), BindingRequest.of(appUser("u-13")), Owners.none(), NOW);

        Outcome again = member.bind(BindingId.of(8), BindingRequest.of(appUser("u-13")), Owners.none(), NOW);

        assertThat(again).isInstanceOf(Outcome.Unchanged.class);
        assertThat(member.version()).isEqualTo(2);
    }

    @Test
    void shouldCarryTheOldMobileInAMobileChange() {
        Member member = activeMember(14);
        Mobile old = member.mobile();

        Outcome outcome = member.changeMobile(Mobile.of("852", "61234567"), Owners.none(), NOW);

        assertThat(outcome.producedEvent()).get().isEqualTo(
                new MemberEvent.MobileChanged(member.id(), 2, NOW, old, Mobile.of("852", "61234567")));
    }

    @Test
    void shouldRejectUnbindingAnUnknownBinding() {
        assertThat(activeMember(15).unbind(BindingId.of(404), NOW))
                .isEqualTo(new Outcome.Rejected(RejectionReason.BINDING_NOT_FOUND));
    }
}
