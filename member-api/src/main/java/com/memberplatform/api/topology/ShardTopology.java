package com.memberplatform.api.topology;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where a row lives in the sharded MySQL schema: {@code databases} databases of {@code tablesPerDatabase} tables
 * each. Members (and their bindings) are placed by member id; the index tables by their own key (a mobile, an
 * account key), so a lookup by that key touches exactly one shard.
 *
 * <p>The shard number is taken first and then split into database and table, so every table is used; taking
 * {@code id % databases} and {@code id % tables} independently would leave tables empty whenever the two
 * counts share a factor.
 */
public record ShardTopology(int databases, int tablesPerDatabase) {

    public ShardTopology {
        if (databases < 1 || tablesPerDatabase < 1) {
            throw new IllegalArgumentException("a topology needs at least one database and one table");
        }
    }

    public int shards() {
        return databases * tablesPerDatabase;
    }

    public ShardAddress ofMemberId(long memberId) {
        return address(Math.floorMod(memberId, (long) shards()));
    }

    public ShardAddress ofKey(String key) {
        return address(Math.floorMod(hash(key), (long) shards()));
    }

    private ShardAddress address(long shard) {
        return new ShardAddress((int) (shard / tablesPerDatabase), (int) (shard % tablesPerDatabase));
    }

    /** CRC-32 of the UTF-8 bytes: stable across JVMs and languages, and even enough for routing. */
    static long hash(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** One shard: the database index and the table index within it. */
    public record ShardAddress(int database, int table) {

        public String databaseName() {
            return "member_db_" + database;
        }

        public String table(String logicTable) {
            return logicTable + "_" + table;
        }
    }
}
