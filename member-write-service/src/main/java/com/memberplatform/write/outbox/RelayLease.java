package com.memberplatform.write.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Only one instance relays the outbox at a time, so events of a member leave in version order. The holder renews
 * a 15 s lease on every round; another instance takes over once it has lapsed.
 */
final class RelayLease {

    private static final int LEASE_SECONDS = 15;

    private final JdbcTemplate meta;
    private final String name;
    private final String owner = UUID.randomUUID().toString();

    RelayLease(JdbcTemplate meta, String name) {
        this.meta = meta;
        this.name = name;
    }

    boolean holdOrTake() {
        meta.update("INSERT IGNORE INTO relay_lease (name, owner, lease_until) VALUES (?, '', NOW(3) - INTERVAL 1 SECOND)", name);
        return meta.update("UPDATE relay_lease SET owner = ?, lease_until = NOW(3) + INTERVAL ? SECOND "
                + "WHERE name = ? AND (owner = ? OR lease_until < NOW(3))", owner, LEASE_SECONDS, name, owner) == 1;
    }

    void release() {
        meta.update("UPDATE relay_lease SET lease_until = NOW(3) - INTERVAL 1 SECOND WHERE name = ? AND owner = ?", name, owner);
    }
}
