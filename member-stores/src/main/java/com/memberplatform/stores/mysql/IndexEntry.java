package com.memberplatform.stores.mysql;

import java.time.Instant;

/** Who holds a value in an index table, and since when. */
public record IndexEntry(long memberId, Instant claimedAt) {
}
