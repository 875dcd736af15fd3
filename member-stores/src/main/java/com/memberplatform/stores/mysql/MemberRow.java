package com.memberplatform.stores.mysql;

import java.time.Instant;

/**
 * One row of {@code member_N}. {@code lastEventId} is the id of the change event that produced this version (0 for rows
 * written before the column existed): a rebuild versions the lookup documents with it, as the event itself did.
 */
public record MemberRow(long memberId, String mobile, String displayName, String registeredPlatform, String status,
                        long version, long lastEventId, Instant createdAt, Instant updatedAt) {
}
