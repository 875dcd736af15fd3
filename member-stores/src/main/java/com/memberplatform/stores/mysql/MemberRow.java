package com.memberplatform.stores.mysql;

import java.time.Instant;

/** One row of {@code member_N}. */
public record MemberRow(long memberId, String mobile, String displayName, String registeredPlatform, String status,
                        long version, Instant createdAt, Instant updatedAt) {
}
