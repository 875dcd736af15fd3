package com.memberplatform.write.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.stores.mysql.IdempotencyRow;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.OnMaster;
import com.memberplatform.web.ApiException;
import com.memberplatform.web.Problems;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Requests made idempotent by a key (REST {@code Idempotency-Key}, MQ request id): the first one runs and its answer
 * is kept; a replay with the same key and the same body gets that answer again; the same key with another body is
 * refused. An answer that ran nothing (an invalid body, a conflict) is not kept ({@link #isFinal}). The key is
 * reserved before the work starts, so two concurrent replays cannot both run. A reservation
 * that was never completed nor released (MySQL went away in the middle of its request) is taken over after
 * {@link #ABANDONED_AFTER}, by the database's clock (a service's clock may be off), so a replay of that request can
 * still run. Records are forgotten after a retention ({@link IdempotencyExpiry}).
 */
@Component
public class IdempotentRequests {

    /** Set on an answer that was replayed rather than produced by this request. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /** Far longer than any request runs. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

    private final MemberRecords records;
    private final ObjectMapper json;

    IdempotentRequests(MemberRecords records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /** 400 unless the key is 1 to 100 letters, digits, '_', '.', ':' or '-'. */
    public static void requireValidKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "must be 1 to 100 letters, digits, '_', '.', ':' or '-'",
                    "Idempotency-Key");
        }
    }

    /** Runs the work once per key within the scope; the key was checked with {@link #requireValidKey}. */
    public ResponseEntity<?> run(String scope, String key, Object request, Supplier<ResponseEntity<?>> work) {
        String idemKey = scope + ":" + key;
        String hash = HexFormat.of().formatHex(CallerRegistry.sha256(write(request)));
        if (records.beginIdempotent(idemKey, hash) == 0) {
            IdempotencyRow row = OnMaster.read(() -> records.idempotent(idemKey));
            boolean abandoned = row != null && row.httpStatus() == null && row.age().compareTo(ABANDONED_AFTER) > 0;
            if (!abandoned || records.takeOverIdempotent(idemKey, hash, row.createdAt()) == 0) {
                return replay(row, hash);
            }
        }
        ResponseEntity<?> response;
        try {
            response = work.get();
        } catch (ApiException refused) {
            if (!isFinal(refused.code())) {
                records.abandonIdempotent(idemKey);
                throw refused;
            }
            response = Problems.response(refused.code(), refused.getMessage(), refused.field());
        } catch (RuntimeException failed) {
            // An invalid body (InvalidValueException) is not final either: the caller may correct it under the same key.
            records.abandonIdempotent(idemKey);
            throw failed;
        }
        records.completeIdempotent(idemKey, response.getStatusCode().value(), write(response.getBody()));
        return response;
    }

    /**
     * Whether a refusal is the key's answer for good. A body the API refuses (400) ran nothing, and a conflict (409
     * {@code CONCURRENT_MODIFICATION}) changed nothing: the reservation is released so that the same key can be used
     * again for the corrected body or the retry. Every other refusal (404, a 409 of the domain) is kept and replayed.
     */
    static boolean isFinal(ErrorCode code) {
        return code.httpStatus() != 400 && code != ErrorCode.CONCURRENT_MODIFICATION;
    }

    private ResponseEntity<?> replay(IdempotencyRow row, String hash) {
        if (row == null) {
            throw new ApiException(ErrorCode.CONCURRENT_MODIFICATION, "the idempotency key is being released; retry");
        }
        if (!row.requestHash().equals(hash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this key was used for a different request",
                    "Idempotency-Key");
        }
        if (row.httpStatus() == null) {
            throw new ApiException(ErrorCode.CONCURRENT_MODIFICATION, "a request with this key is still running");
        }
        MediaType type = row.httpStatus() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
        return ResponseEntity.status(HttpStatus.valueOf(row.httpStatus())).contentType(type)
                .header(REPLAYED, "true").body(row.response());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
