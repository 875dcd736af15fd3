package com.memberplatform.stores.mysql;

import java.time.Instant;

/** One change event waiting in {@code member_outbox_N} to be sent. */
public record OutboxRow(long eventId, long memberId, long version, String changeType, String payload, Instant createdAt) {
}
