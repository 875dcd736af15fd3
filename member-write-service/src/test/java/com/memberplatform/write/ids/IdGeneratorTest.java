package com.memberplatform.write.ids;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.api.topology.ShardTopology;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    /** A clock that stands still: the worst case, every id in one millisecond until the slots run out. */
    private final Clock frozen = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldNeverRepeatAnIdEvenWhenTheClockStandsStill() {
        IdGenerator ids = new IdGenerator(7, frozen);
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }

    @Test
    void shouldNotCollideAcrossWorkers() {
        IdGenerator first = new IdGenerator(1, frozen);
        IdGenerator second = new IdGenerator(2, frozen);
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(first.next())).isTrue();
            assertThat(seen.add(second.next())).isTrue();
        }
    }

    @Test
    void shouldSpreadMembersEvenlyOverTheProductionShards() {
        ShardTopology topology = new ShardTopology(16, 64);
        Map<ShardTopology.ShardAddress, Integer> perShard = new HashMap<>();
        IdGenerator ids = new IdGenerator(3, Clock.systemUTC());

        for (int i = 0; i < 204_800; i++) {
            perShard.merge(topology.ofMemberId(ids.next()), 1, Integer::sum);
        }

        assertThat(perShard).hasSize(1024);
        // 200 per shard on average; a plain per-millisecond counter would put most ids on the first few shards.
        assertThat(perShard.values()).allMatch(count -> count > 120 && count < 280);
    }

    @Test
    void shouldIssuePositiveIncreasingMillisecondPrefixes() {
        IdGenerator ids = new IdGenerator(1023, Clock.systemUTC());

        long id = ids.next();

        assertThat(id).isPositive();
        assertThat(id >>> 22).isGreaterThan(0);
        assertThat((id >>> 12) & 1023).isEqualTo(1023);
    }

    /**
     * Event ids are the external versions of the search documents: a later id lower than an earlier one would be
     * refused there. Whatever the clock does (stand still, step back, jump) and however the worker id moves, the ids
     * of one generator only go up. Seeded, so a failure repeats.
     */
    @Test
    void shouldIssueStrictlyIncreasingIdsWhateverTheClockAndTheWorkerDo() {
        for (long seed = 1; seed <= 200; seed++) {
            java.util.Random random = new java.util.Random(seed);
            long[] now = {Instant.parse("2026-11-21T08:00:00Z").toEpochMilli()};
            int[] worker = {random.nextInt(IdGenerator.MAX_WORKERS)};
            Clock wandering = new Clock() {
                @Override
                public long millis() {
                    return now[0];
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now[0]);
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            };
            IdGenerator ids = new IdGenerator(() -> worker[0], wandering);
            long previous = ids.next();
            for (int i = 0; i < 20_000; i++) {
                switch (random.nextInt(10)) {
                    case 0 -> now[0] -= random.nextInt(50); // steps back
                    case 1 -> now[0] += random.nextInt(5);
                    case 2 -> worker[0] = random.nextInt(IdGenerator.MAX_WORKERS); // a new lease
                    default -> { } // stands still
                }
                long id = ids.next();
                assertThat(id).as("seed %d, id %d", seed, i).isGreaterThan(previous);
                previous = id;
            }
        }
    }
}
