package com.memberplatform.flowcontrol.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigDocumentsTest {

    private static String bundled(String name) throws IOException {
        try (InputStream in = ConfigDocumentsTest.class.getResourceAsStream("/member-config/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldAcceptTheBundledDocuments() throws IOException {
        assertThat(ConfigDocuments.named("routing").problems(bundled("routing"))).isEmpty();
        assertThat(ConfigDocuments.named("callers").problems(bundled("callers"))).isEmpty();
        assertThat(ConfigDocuments.named("flow-rules").problems(bundled("flow-rules"))).isEmpty();
    }

    @Test
    void shouldNameWhatTheSchemaRefuses() {
        assertThat(ConfigDocuments.named("routing").problems("{\"localCenter\":\"C\",\"orderSearch\":\"PRIMARY\"}"))
                .anySatisfy(problem -> assertThat(problem).contains("localCenter"))
                .anySatisfy(problem -> assertThat(problem).contains("marketingSearch"));
        assertThat(ConfigDocuments.named("callers").problems("{\"callers\":[{\"callerId\":\"x\",\"class\":\"ORDER\","
                + "\"tokenSha256\":\"abc\",\"permissions\":[\"READ\"],\"qps\":0}]}"))
                .anySatisfy(problem -> assertThat(problem).contains("tokenSha256"))
                .anySatisfy(problem -> assertThat(problem).contains("qps"));
        assertThat(ConfigDocuments.named("routing").problems("{")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void shouldRefuseWhatOnlyTheParserKnowsIsWrong() {
        String twice = "{\"callers\":[" + caller() + "," + caller() + "]}";

        assertThat(ConfigDocuments.named("callers").problems(twice)).singleElement().asString().contains("listed twice");
    }

    private static String caller() {
        return "{\"callerId\":\"twice\",\"class\":\"ORDER\",\"tokenSha256\":\"" + "a".repeat(64) + "\",\"permissions\":[\"READ\"],\"qps\":5}";
    }

    @Test
    void shouldNameTheKnownDocumentsForAnUnknownOne() {
        assertThatThrownBy(() -> ConfigDocuments.named("limits")).hasMessageContaining("known: callers, flow-rules, routing");
    }
}
