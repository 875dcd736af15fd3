package com.memberplatform.flowcontrol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a configuration document strictly: unknown fields, missing fields and nulls for numbers are refused, and
 * a refusal is an {@link IllegalArgumentException} starting with the document's name and saying why (the record's
 * own checks included).
 */
public final class StrictJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private static final Pattern MISSING = Pattern.compile("Missing creator property '(\\w+)'");

    private StrictJson() {
    }

    public static <T> T parse(String document, String json, Class<T> type) {
        T value;
        try {
            value = JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(document + ": " + reason(e), e);
        }
        if (value == null) {
            throw new IllegalArgumentException(document + ": the document is empty");
        }
        return value;
    }

    private static String reason(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return cause.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field " + unknown.getPropertyName();
        }
        Matcher missing = MISSING.matcher(e.getOriginalMessage());
        return missing.find() ? missing.group(1) + " is required" : e.getOriginalMessage();
    }

    /** The document shipped with the code ({@code member-config/NAME.json}), read with its parser. */
    public static <T> T bundled(String document, Function<String, T> parser) {
        return parser.apply(bundledText(document));
    }

    /** The text of the document shipped with the code ({@code member-config/NAME.json}). */
    public static String bundledText(String document) {
        String path = "/member-config/" + document + ".json";
        try (InputStream in = StrictJson.class.getResourceAsStream(path)) {
            return new String(Objects.requireNonNull(in, path + " is missing").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
