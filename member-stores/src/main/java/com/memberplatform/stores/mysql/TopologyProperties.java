package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.ShardTopology;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shape of the sharded schema and the center this instance runs in. Written by the stack from
 * deploy/local/topology.env; production sets the same keys.
 */
@Validated
@ConfigurationProperties("member.topology")
public record TopologyProperties(@Min(1) int databases, @Min(1) int tablesPerDatabase, @NotNull DataCenter localCenter,
                                 String databasePrefix) {

    public static final String DEFAULT_DATABASE_PREFIX = "member_db_";

    public TopologyProperties {
        if (localCenter == null) {
            localCenter = DataCenter.A;
        }
        if (databasePrefix == null || databasePrefix.isBlank()) {
            databasePrefix = DEFAULT_DATABASE_PREFIX;
        }
        if (!databasePrefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("member.topology.database-prefix must be lower-case letters, digits and '_'");
        }
    }

    public ShardTopology shardTopology() {
        return new ShardTopology(databases, tablesPerDatabase);
    }
}
