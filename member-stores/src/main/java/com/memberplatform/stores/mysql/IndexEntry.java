package com.memberplatform.stores.mysql;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a value in an index table: the member, the stamp naming its claim, and how long ago the database stored
 * that stamp, by the database's own clock (never by a service's, which may be off).
 */
public record IndexEntry(long memberId, Instant claimedAt, long ageMillis) {

    public Duration age() {
        return Duration.ofMillis(ageMillis);
    }
}
