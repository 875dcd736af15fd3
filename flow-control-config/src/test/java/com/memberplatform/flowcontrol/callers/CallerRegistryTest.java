package com.memberplatform.flowcontrol.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CallerRegistryTest {

    private static String entry(String id, String token, String permissions) {
        return "{\"callerId\":\"" + id + "\",\"class\":\"ORDER\",\"tokenSha256\":\""
                + HexFormat.of().formatHex(CallerRegistry.sha256(token)) + "\",\"permissions\":[" + permissions + "],\"qps\":10}";
    }

    @Test
    void shouldAuthenticateOnlyTheRightToken() {
        CallerRegistry registry = CallerRegistry.parse("{\"callers\":[" + entry("order-x", "secret", "\"READ\"") + "]}");

        assertThat(registry.authenticate("order-x", "secret")).get().extracting(Caller::callerId).isEqualTo("order-x");
        assertThat(registry.authenticate("order-x", "Secret")).isEmpty();
        assertThat(registry.authenticate("nobody", "secret")).isEmpty();
        assertThat(registry.authenticate("order-x", null)).isEmpty();
    }

    @Test
    void shouldRefuseADocumentWithAnyBadEntry() {
        assertThatThrownBy(() -> CallerRegistry.parse("{\"callers\":[" + entry("ok-caller", "t", "\"READ\"") + ","
                + entry("ok-caller", "u", "\"READ\"") + "]}")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> CallerRegistry.parse("{\"callers\":[" + entry("x-caller", "t", "\"FLY\"") + "]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallerRegistry.parse("{\"callers\":[]}")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CallerRegistry.parse("{\"callers\":[{\"callerId\":\"a-b\",\"class\":\"ORDER\","
                + "\"tokenSha256\":\"abc\",\"permissions\":[\"READ\"],\"qps\":1}]}")).hasMessageContaining("tokenSha256");
    }

    @Test
    void shouldShipAValidBundledRegistryWithTheDemoCallers() {
        CallerRegistry bundled = CallerRegistry.bundled();

        assertThat(bundled.authenticate("order-demo", "order-demo-token")).get()
                .satisfies(caller -> assertThat(caller.may(Permission.WRITE)).isTrue());
        assertThat(bundled.authenticate("marketing-demo", "marketing-demo-token")).get()
                .satisfies(caller -> assertThat(caller.may(Permission.WRITE)).isFalse());
    }
}
