package com.memberplatform.sync.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.contract.MemberSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On the wire a change event's lookup keys are their text form, read back into keys (and refused when malformed). */
class ChangeEventJsonTest {

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void shouldCarryLookupKeysAsTheirTextForm() throws Exception {
        MemberChangeEvent event = new MemberChangeEvent(7, 42, 3, "MOBILE_CHANGED", Instant.parse("2026-01-01T00:00:00Z"),
                new MemberSnapshot(42, "+8613800138000", "n", "WECHAT", "ACTIVE", 3, Instant.parse("2026-01-01T00:00:00Z"), List.of()),
                List.of(LookupKey.mobile("+8613900139000"), LookupKey.account("WECHAT|WECHAT_OPENID|wx1|o6_bmjrPTlm6_2sgVt7hMZOPfL2M")));

        String text = json.writeValueAsString(event);

        assertThat(json.readTree(text).path("staleKeys").toString())
                .isEqualTo("[\"mobile:+8613900139000\",\"account:WECHAT|WECHAT_OPENID|wx1|o6_bmjrPTlm6_2sgVt7hMZOPfL2M\"]");
        assertThat(json.readValue(text, MemberChangeEvent.class)).isEqualTo(event);
    }

    @Test
    void shouldRefuseAnEventWithAMalformedKey() {
        String text = "{\"eventId\":1,\"memberId\":42,\"version\":1,\"changeType\":\"REGISTERED\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"snapshot\":null,\"staleKeys\":[\"mobile:13900139000\"]}";
        assertThatThrownBy(() -> json.readValue(text, MemberChangeEvent.class)).hasMessageContaining("lookup key");
    }
}
