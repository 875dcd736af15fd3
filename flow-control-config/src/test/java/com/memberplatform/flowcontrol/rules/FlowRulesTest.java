package com.memberplatform.flowcontrol.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memberplatform.api.topology.Store;
import org.junit.jupiter.api.Test;

class FlowRulesTest {

    private static String rules(int globalQps, String exceptions) {
        return "{\"enabled\":true,\"globalQps\":" + globalQps + ",\"unknownCallerQps\":20,\"hotKeyQps\":200,\"hotKeyExceptions\":["
                + exceptions + "],\"degrade\":{\"failureRatio\":0.5,\"failureCount\":20,\"slowCallMillis\":300,"
                + "\"slowCallMillisByStore\":{\"mysql\":1000},\"slowRatio\":0.8,"
                + "\"minimumCalls\":5,\"openSeconds\":5}}";
    }

    @Test
    void shouldReadTheBundledProductionShapedDefaults() {
        FlowRules rules = FlowRules.bundled();

        assertThat(rules.enabled()).isTrue();
        assertThat(rules.globalQps()).as("30,000 TPS with 20 % headroom, one instance").isEqualTo(24_000);
        assertThat(rules.hotKeyExceptions()).isEmpty();
        assertThat(rules.degrade().slowCallMillis(Store.MYSQL)).as("the last fallback gets more time").isEqualTo(1_000);
        assertThat(rules.degrade().slowCallMillis(Store.ES_PRIMARY)).isEqualTo(300);
    }

    @Test
    void shouldReadExceptionsPerValue() {
        FlowRules rules = FlowRules.parse(rules(100, "{\"key\":\"id:42\",\"qps\":1000}"));

        assertThat(rules.hotKeyExceptions()).containsExactly(new FlowRules.HotKey("id:42", 1000));
    }

    @Test
    void shouldRefuseLimitsBelowOneMissingFieldsAndBadExceptions() {
        assertThatThrownBy(() -> FlowRules.parse(rules(0, ""))).hasMessage("flow-rules: globalQps must be at least 1");
        assertThatThrownBy(() -> FlowRules.parse("{\"enabled\":true,\"globalQps\":5}")).hasMessageStartingWith("flow-rules: ")
                .hasMessageEndingWith("is required");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "{\"key\":\"42\",\"qps\":10}"))).hasMessageContaining("a lookup key is id:N");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "{\"key\":\"mobile:13800138000\",\"qps\":10}")))
                .hasMessage("flow-rules: hotKeyExceptions: not a mobile lookup key");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "{\"key\":\"id:1\",\"qps\":10},{\"key\":\"id:1\",\"qps\":20}")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> FlowRules.parse("{\"extra\":1," + rules(5, "").substring(1))).hasMessage("flow-rules: unknown field extra");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "").replace("\"slowRatio\":0.8", "\"slowRatio\":1.5")))
                .hasMessageContaining("failureRatio and slowRatio are in (0, 1]");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "").replace("\"mysql\":1000", "\"oracle\":1000")))
                .hasMessageContaining("unknown store oracle");
        assertThatThrownBy(() -> FlowRules.parse(rules(5, "").replace("\"mysql\":1000", "\"mysql\":0")))
                .hasMessage("flow-rules: degrade.slowCallMillisByStore.mysql must be at least 1");
    }
}
