package com.memberplatform.stores.mysql;

import java.time.Duration;
import java.time.Instant;

/**
 * A remembered request: its hash, once finished the answer to replay, and when it was reserved, with its age by the
 * database's clock.
 */
public record IdempotencyRow(String idemKey, String requestHash, Integer httpStatus, String response, Instant createdAt,
                             long ageMillis) {

    public Duration age() {
        return Duration.ofMillis(ageMillis);
    }
}
