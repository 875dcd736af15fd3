package com.memberplatform.write.outbox;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Only one instance relays the outbox at a time, so events of a member leave in version order. The holder renews
 * a {@link #LEASE} lease on every round; another instance takes over once it has lapsed (by the database's clock).
 * The holder knows, by its own monotonic clock, until when it surely holds the lease: from the moment it asked for
 * the renewal, since the database set the new end after that moment.
 */
final class RelayLease {

    static final Duration LEASE = Duration.ofSeconds(15);

    private final JdbcTemplate meta;
    private final String name;
    private final String owner = UUID.randomUUID().toString();
    private volatile long heldUntilNanos = Long.MIN_VALUE;

    RelayLease(JdbcTemplate meta, String name) {
        this.meta = meta;
        this.name = name;
    }

    boolean holdOrTake() {
        long asked = System.nanoTime();
        meta.update("INSERT IGNORE INTO relay_lease (name, owner, lease_until) VALUES (?, '', NOW(3) - INTERVAL 1 SECOND)", name);
        boolean held = meta.update("UPDATE relay_lease SET owner = ?, lease_until = NOW(3) + INTERVAL ? SECOND "
                + "WHERE name = ? AND (owner = ? OR lease_until < NOW(3))", owner, LEASE.toSeconds(), name, owner) == 1;
        heldUntilNanos = held ? asked + LEASE.toNanos() : Long.MIN_VALUE;
        return held;
    }

    /** Whether the lease is surely still held {@code margin} from now (by {@link System#nanoTime()}). */
    boolean heldFor(Duration margin) {
        return System.nanoTime() + margin.toNanos() - heldUntilNanos < 0;
    }

    void release() {
        heldUntilNanos = Long.MIN_VALUE;
        meta.update("UPDATE relay_lease SET lease_until = NOW(3) - INTERVAL 1 SECOND WHERE name = ? AND owner = ?", name, owner);
    }
}
