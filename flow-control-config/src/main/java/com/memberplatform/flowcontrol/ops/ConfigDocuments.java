package com.memberplatform.flowcontrol.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.client.CallerRegistryConfiguration;
import com.memberplatform.flowcontrol.client.ConfigChannel;
import com.memberplatform.flowcontrol.routing.StoreRouting;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import com.memberplatform.flowcontrol.routing.StoreRoutingConfiguration;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The configuration documents ops may publish. Each is checked twice before it is published: against its JSON
 * schema (src/main/resources/member-config/NAME.schema.json, for people and editors too), then by the very parser its
 * followers use, so nothing reaches the services that they would refuse. The bundled files NAME.json beside the
 * schemas are the defaults and the starting point of every change.
 */
public final class ConfigDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document: its channel, its schema and its validating parser. */
    public record Document(ConfigChannel channel, JsonSchema schema, Function<String, ?> parser) {

        /** Why the document would be refused; empty when it is valid. */
        public List<String> problems(String json) {
            try {
                List<String> problems = schema.validate(JSON.readTree(json)).stream().map(ValidationMessage::getMessage).sorted().toList();
                if (!problems.isEmpty()) {
                    return problems;
                }
                parser.apply(json);
                return List.of();
            } catch (IOException e) {
                return List.of("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            } catch (RuntimeException e) {
                return List.of(String.valueOf(e.getMessage()));
            }
        }
    }

    private static final Map<String, Document> DOCUMENTS = Map.of(
            "callers", document(CallerRegistryConfiguration.CALLERS, CallerRegistry::parse),
            "flow-rules", document(FlowRulesConfiguration.FLOW_RULES, FlowRules::parse),
            "routing", document(StoreRoutingConfiguration.ROUTING, StoreRouting::parse));

    private ConfigDocuments() {
    }

    /** The document of that name; {@link IllegalArgumentException} naming the known ones otherwise. */
    public static Document named(String name) {
        Document document = DOCUMENTS.get(name);
        if (document == null) {
            throw new IllegalArgumentException("unknown document '" + name + "' (known: "
                    + String.join(", ", DOCUMENTS.keySet().stream().sorted().toList()) + ")");
        }
        return document;
    }

    private static Document document(ConfigChannel channel, Function<String, ?> parser) {
        String path = "/member-config/" + channel.document() + ".schema.json";
        try (InputStream in = ConfigDocuments.class.getResourceAsStream(path)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Objects.requireNonNull(in, path + " is missing"));
            return new Document(channel, schema, parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
