package com.memberplatform.stores.mysql;

import java.time.Instant;

/** A remembered request: its hash, and once finished, the answer to replay. */
public record IdempotencyRow(String idemKey, String requestHash, Integer httpStatus, String response, Instant createdAt) {
}
