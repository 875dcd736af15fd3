package com.memberplatform.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectTest {

    @Test
    void shouldParseE164Mobiles() {
        assertThat(Mobile.parseE164("+8613800138000")).isEqualTo(Mobile.of("86", "13800138000"));
        assertThat(Mobile.parseE164("+85261234567")).isEqualTo(Mobile.of("852", "61234567"));
        assertThat(Mobile.parseE164("+14155550100")).isEqualTo(Mobile.of("1", "4155550100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+86123", "+8612800138000", "+86138001380001", "+86 13800138000", "+0861380013800"})
    void shouldRejectMalformedMobiles(String text) {
        assertThatThrownBy(() -> Mobile.parseE164(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void shouldNeverPrintAFullMobile() {
        Mobile mobile = Mobile.of("86", "13800138000");

        assertThat(mobile.toString()).doesNotContain("13800138000").isEqualTo("+86 138****8000");
        assertThat(mobile.e164()).isEqualTo("+8613800138000");
    }

    @Test
    void shouldNameTheFieldOfAnInvalidValue() {
        assertThatThrownBy(() -> MemberId.parse("12x")).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("memberId");
        assertThatThrownBy(() -> MemberId.parse("99999999999999999999")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> MemberId.of(0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void shouldRejectAnAccountTypeOfAnotherPlatform() {
        assertThatThrownBy(() -> AccountKey.of(Platform.TRAVEL_APP, AccountType.WECHAT_OPENID, "wx1", "oAbcdef123"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("accountType");
    }

    @Test
    void shouldRoundTripTheCanonicalAccountKey() {
        AccountKey key = AccountKey.openid("wx8f2a", new Openid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M"));

        assertThat(key.canonical()).isEqualTo("WECHAT|WECHAT_OPENID|wx8f2a|o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(AccountKey.parseCanonical(key.canonical())).isEqualTo(key);
        assertThat(key.toString()).doesNotContain("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
    }

    @Test
    void shouldRejectASeparatorInsideAnAccountValue() {
        assertThatThrownBy(() -> AccountKey.of(Platform.PARTNER, AccountType.PARTNER_USER, "p1", "a|b"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void shouldRejectMalformedWeChatIds() {
        assertThatThrownBy(() -> new Openid("bad id with spaces")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Unionid("x")).isInstanceOf(InvalidValueException.class);
    }
}
