package com.memberplatform.flowcontrol.callers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The callers allowed to use the platform, parsed from the {@code callers} configuration document
 * (member-config/callers.json in the repo, live updates through the config Redis). Parsing validates the whole
 * document and refuses it on the first error, so a bad change never replaces a good registry.
 */
public final class CallerRegistry {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern CALLER_ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    record Entry(@JsonProperty("callerId") String callerId, @JsonProperty("class") CallerClass callerClass,
                 @JsonProperty("tokenSha256") String tokenSha256, @JsonProperty("permissions") Set<Permission> permissions,
                 @JsonProperty("qps") int qps) {
    }

    record Document(@JsonProperty("callers") List<Entry> callers) {
    }

    private record Registered(Caller caller, byte[] tokenHash) {
    }

    private final Map<String, Registered> callers;

    private CallerRegistry(Map<String, Registered> callers) {
        this.callers = callers;
    }

    public static CallerRegistry parse(String json) {
        Document document;
        try {
            document = JSON.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("callers: not a valid document: " + e.getOriginalMessage(), e);
        }
        if (document.callers() == null || document.callers().isEmpty()) {
            throw new IllegalArgumentException("callers: the list is empty");
        }
        Map<String, Registered> callers = new HashMap<>();
        for (Entry entry : document.callers()) {
            if (entry.callerId() == null || !CALLER_ID.matcher(entry.callerId()).matches()) {
                throw new IllegalArgumentException("callers: invalid callerId " + entry.callerId());
            }
            String at = "callers[" + entry.callerId() + "]: ";
            if (entry.callerClass() == null) {
                throw new IllegalArgumentException(at + "class is required");
            }
            if (entry.tokenSha256() == null || !SHA256_HEX.matcher(entry.tokenSha256()).matches()) {
                throw new IllegalArgumentException(at + "tokenSha256 must be 64 lower-case hex digits");
            }
            if (entry.permissions() == null || entry.permissions().isEmpty()) {
                throw new IllegalArgumentException(at + "permissions are required");
            }
            if (entry.qps() <= 0) {
                throw new IllegalArgumentException(at + "qps must be positive");
            }
            Caller caller = new Caller(entry.callerId(), entry.callerClass(), entry.permissions(), entry.qps());
            if (callers.put(entry.callerId(), new Registered(caller, HexFormat.of().parseHex(entry.tokenSha256()))) != null) {
                throw new IllegalArgumentException(at + "listed twice");
            }
        }
        return new CallerRegistry(Map.copyOf(callers));
    }

    /** The registry shipped with the service: what it uses until the config Redis says otherwise. */
    public static CallerRegistry bundled() {
        try (InputStream in = CallerRegistry.class.getResourceAsStream("/member-config/callers.json")) {
            if (in == null) {
                throw new IllegalStateException("member-config/callers.json is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller, if the id is registered and the token matches (compared in constant time). */
    public Optional<Caller> authenticate(String callerId, String token) {
        if (callerId == null || token == null) {
            return Optional.empty();
        }
        Registered registered = callers.get(callerId);
        if (registered == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(registered.tokenHash(), sha256(token)) ? Optional.of(registered.caller()) : Optional.empty();
    }

    /** Every registered caller. */
    public java.util.List<Caller> all() {
        return callers.values().stream().map(Registered::caller).toList();
    }

    public Optional<Caller> byId(String callerId) {
        return Optional.ofNullable(callers.get(callerId)).map(Registered::caller);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
