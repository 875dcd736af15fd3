package com.memberplatform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cache protocol's invariant, generated: members move a few shared lookup keys (mobiles, accounts) between them;
 * their change events reach the cache late, in batches, in member order only (as the orderly consumer delivers them);
 * readers fill answers read from clusters that are any number of versions behind, at any moment, also after the last
 * invalidation (a cluster still catching up). Once every event is applied, every key's answer must be absent or the
 * current owner at its current version: no stale entry, no wrong owner. Runs on center A's real Redis in both shapes
 * (the single server, and the three-master cluster where one member's keys live in different slots); each run's
 * seed is in the failure message ({@code -Dmember.cache.protocol.seed=N} replays one, {@code -Dmember.cache.protocol.runs}
 * sets how many, default 300).
 */
@WithLocalStack
class MemberCacheProtocolIT {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Map<String, RedissonClient> SHAPES = new HashMap<>();
    /** Member ids past 2^53, like the platform's (the protocol must compare them exactly), new in every run. */
    private static final AtomicLong NEXT_ID = new AtomicLong(8_000_000_000_000_000_000L + System.currentTimeMillis() % 1_000_000_000L * 1_000);

    @BeforeAll
    static void connect(LocalStack stack) {
        for (String shape : List.of("single-a", "cluster-a")) {
            SHAPES.put(shape, RedisCenters.client(stack.endpoint("member.stores.redis." + shape)));
        }
    }

    @AfterAll
    static void close() {
        SHAPES.values().forEach(RedissonClient::shutdown);
    }

    /**
     * The seeds' race on one key: a reader misses and reads version 1 from a cluster; the change to version 2 is
     * invalidated; then the reader writes what it read. A naive write-back leaves version 1; the protocol's fill is
     * refused, and the fill of version 2 that follows is taken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"single-a", "cluster-a"})
    void shouldRefuseAFillThatLostTheRaceToAnInvalidation(String shape) {
        RedissonClient center = SHAPES.get(shape);
        long member = NEXT_ID.incrementAndGet();
        List<LookupKey> keys = List.of(LookupKey.memberId(member), LookupKey.mobile("+86139" + member % 100_000_000));
        MemberCacheProtocol.invalidate(center, List.of(new MemberCacheProtocol.Change(member, 1, keys)), TTL);
        assertThat(MemberCacheProtocol.read(center, keys.get(0))).as("a miss").isNull();
        // (the reader reads version 1 here, and is held up)
        MemberCacheProtocol.invalidate(center, List.of(new MemberCacheProtocol.Change(member, 2, keys)), TTL);

        String naive = "member:cache:naive:" + member;
        center.<String, String>getMap(naive, StringCodec.INSTANCE).put("a", member + "|1|{}");
        assertThat(center.<String, String>getMap(naive, StringCodec.INSTANCE).get("a")).as("the naive write-back wins").startsWith(member + "|1|");

        assertThat(MemberCacheProtocol.fill(center, member, 1, keys, "{\"v\":1}", TTL)).as("no key takes version 1").isZero();
        assertThat(keys).allSatisfy(key -> assertThat(MemberCacheProtocol.read(center, key)).isNull());
        assertThat(MemberCacheProtocol.fill(center, member, 2, keys, "{\"v\":2}", TTL)).isEqualTo(keys.size());
        assertThat(keys).allSatisfy(key -> assertThat(MemberCacheProtocol.read(center, key).version()).isEqualTo(2));
        if (shape.startsWith("cluster")) {
            assertThat(keys.stream().map(key -> center.getKeys().getSlot(MemberCacheProtocol.cacheKey(key))).distinct().count())
                    .as("the member's keys live in different slots").isEqualTo(keys.size());
        }
    }

    /** One member of a run: its version and, per version, the keys it held. */
    private static final class Member {
        final long id;
        final List<Set<LookupKey>> held = new ArrayList<>();
        final Deque<MemberCacheProtocol.Change> pending = new ArrayDeque<>();

        Member(long id, Set<LookupKey> keys) {
            this.id = id;
            held.add(null); // versions start at 1
            held.add(withId(keys));
            pending.add(new MemberCacheProtocol.Change(id, 1, held.get(1)));
        }

        long version() {
            return held.size() - 1;
        }

        Set<LookupKey> now() {
            return held.get(held.size() - 1);
        }

        Set<LookupKey> withId(Set<LookupKey> keys) {
            Set<LookupKey> all = new TreeSet<>(keys);
            all.add(LookupKey.memberId(id));
            return all;
        }

        /** A new version holding {@code keys}; its event names the keys it has and the ones it gave up. */
        void change(Set<LookupKey> keys) {
            Set<LookupKey> before = now();
            held.add(withId(keys));
            Set<LookupKey> touched = new LinkedHashSet<>(now());
            touched.addAll(before);
            pending.add(new MemberCacheProtocol.Change(id, version(), touched));
        }
    }

    /** A restarted server has forgotten every script: the protocol must go on at once (a batched EVALSHA would not). */
    @Test
    void shouldGoOnAcrossARestartOfTheServer(LocalStack stack) {
        RedissonClient center = SHAPES.get("single-a");
        long member = NEXT_ID.incrementAndGet();
        List<LookupKey> keys = List.of(LookupKey.memberId(member));
        MemberCacheProtocol.invalidate(center, List.of(new MemberCacheProtocol.Change(member, 1, keys)), TTL);
        assertThat(MemberCacheProtocol.fill(center, member, 1, keys, "{}", TTL)).isEqualTo(1);

        stack.stop("redis-a");
        stack.start("redis-a");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> center.getKeys().countExists("any") >= 0);
        MemberCacheProtocol.invalidate(center, List.of(new MemberCacheProtocol.Change(member, 2, keys)), TTL);
        assertThat(MemberCacheProtocol.read(center, keys.get(0))).as("the append-only file kept the entry; version 2 removed it").isNull();
        assertThat(MemberCacheProtocol.fill(center, member, 1, keys, "{}", TTL)).as("the floor survived the restart").isZero();
        assertThat(MemberCacheProtocol.fill(center, member, 2, keys, "{}", TTL)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-a", "cluster-a"})
    void shouldLeaveNoStaleAnswerAndNoWrongOwnerWhateverTheOrderOfFillsAndInvalidations(String shape) {
        long only = Long.getLong("member.cache.protocol.seed", -1);
        int runs = Integer.getInteger("member.cache.protocol.runs", 300);
        long base = only >= 0 ? only : new Random().nextLong() & Long.MAX_VALUE;
        for (int run = 0; run < (only >= 0 ? 1 : runs); run++) {
            runOnce(SHAPES.get(shape), base + run);
        }
    }

    private void runOnce(RedissonClient center, long seed) {
        Random random = new Random(seed);
        // Fresh values in every run: 8 random digits, so that the mobiles stay E.164 (15 digits at most).
        String run = String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
        List<LookupKey> shared = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shared.add(i % 2 == 0 ? LookupKey.mobile("+86139" + run + i) : LookupKey.account("WECHAT|WECHAT_OPENID|wx1|o" + run + i));
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(new Member(NEXT_ID.incrementAndGet(), Set.of(shared.get(i))));
        }
        for (int step = 0; step < 60; step++) {
            int op = random.nextInt(10);
            if (op < 3) {
                moveAKey(random, members, shared);
            } else if (op < 6) {
                deliver(center, members.get(random.nextInt(members.size())), random);
            } else {
                staleFill(center, members.get(random.nextInt(members.size())), random);
            }
        }
        members.forEach(member -> {
            while (!member.pending.isEmpty()) {
                deliver(center, member, random);
            }
        });
        for (int i = 0; i < 10; i++) {
            staleFill(center, members.get(random.nextInt(members.size())), random);
        }

        Map<LookupKey, Member> owners = new HashMap<>();
        members.forEach(member -> member.now().forEach(key -> owners.put(key, member)));
        Set<LookupKey> everyKey = new TreeSet<>(shared);
        members.forEach(member -> everyKey.add(LookupKey.memberId(member.id)));
        for (LookupKey key : everyKey) {
            MemberCacheProtocol.Answer answer = MemberCacheProtocol.read(center, key);
            if (answer != null) {
                Member owner = owners.get(key);
                assertThat(owner).as("seed %d: %s answers member %d but nobody holds it", seed, key, answer.memberId()).isNotNull();
                assertThat(answer.memberId()).as("seed %d: %s answers the wrong owner", seed, key).isEqualTo(owner.id);
                assertThat(answer.version()).as("seed %d: %s answers an old version", seed, key).isEqualTo(owner.version());
            }
        }
    }

    /** A member takes a shared key: free, or from another member (who changes too); or gives one of its own up. */
    private static void moveAKey(Random random, List<Member> members, List<LookupKey> shared) {
        Member taker = members.get(random.nextInt(members.size()));
        LookupKey key = shared.get(random.nextInt(shared.size()));
        if (taker.now().contains(key)) {
            Set<LookupKey> keys = new TreeSet<>(taker.now());
            keys.remove(key);
            keys.remove(LookupKey.memberId(taker.id));
            taker.change(keys);
            return;
        }
        for (Member other : members) {
            if (other.now().contains(key)) {
                Set<LookupKey> keys = new TreeSet<>(other.now());
                keys.remove(key);
                keys.remove(LookupKey.memberId(other.id));
                other.change(keys);
            }
        }
        Set<LookupKey> keys = new TreeSet<>(taker.now());
        keys.add(key);
        keys.remove(LookupKey.memberId(taker.id));
        taker.change(keys);
    }

    /** The cache target applies the member's next one to three events as one batch (newest version, every key). */
    private static void deliver(RedissonClient center, Member member, Random random) {
        int count = Math.min(member.pending.size(), 1 + random.nextInt(3));
        if (count == 0) {
            return;
        }
        long version = 0;
        Set<LookupKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            MemberCacheProtocol.Change change = member.pending.poll();
            version = Math.max(version, change.version());
            keys.addAll(change.lookupKeys());
        }
        MemberCacheProtocol.invalidate(center, List.of(new MemberCacheProtocol.Change(member.id, version, keys)), Duration.ofMinutes(5));
    }

    /** A reader fills the member as some cluster knew it: any version up to the current one. */
    private static void staleFill(RedissonClient center, Member member, Random random) {
        long version = 1 + random.nextInt((int) member.version());
        MemberCacheProtocol.fill(center, member.id, version, member.held.get((int) version), "{\"v\":" + version + "}", TTL);
    }
}
