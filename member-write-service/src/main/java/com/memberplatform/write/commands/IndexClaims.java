package com.memberplatform.write.commands;

import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.stores.mysql.IndexEntry;
import com.memberplatform.stores.mysql.LookupIndex;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.OnMaster;
import com.memberplatform.stores.mysql.ShardedMembers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The uniqueness guard. A value (a mobile, an account key) is claimed in its index table, on its own shard, before
 * the member's shard commits; the primary key makes two claims exclusive. A claim whose holder does not actually
 * hold the value (its command was rejected after claiming, or its process died before committing) is taken over,
 * by compare-and-set, once it is older than {@link #GRACE}: younger claims may still be committing, so they count
 * as held. Commands commit within {@link #COMMIT_DEADLINE} of claiming or not at all, which keeps the two apart.
 *
 * <p>Every claim carries a stamp ({@code claimed_at}, to the millisecond), and every change to a claim names the stamp
 * it saw: a command that finds its member's own claim stamps it anew (so its commit is fenced by the deadline like a
 * new claim's), and a release deletes only the claim with the stamp it was given. A release that arrives late (the
 * member gave the value up, then took it back) finds a newer stamp and deletes nothing.
 */
final class IndexClaims {

    static final Duration GRACE = Duration.ofSeconds(30);
    static final Duration COMMIT_DEADLINE = Duration.ofSeconds(10);

    /**
     * The outcome of a claim: the other member that holds the value, if any; whether this command made the claim (a
     * refusal gives back only those); the stamp this command holds the claim with (null when another member holds it).
     */
    record Claim(LookupIndex index, String key, Optional<MemberId> heldByOther, boolean made, Instant at) {
    }

    private final MemberRecords records;
    private final ShardedMembers members;
    private final Clock clock;

    IndexClaims(MemberRecords records, ShardedMembers members, Clock clock) {
        this.records = records;
        this.members = members;
        this.clock = clock;
    }

    /** Claims {@code key} for {@code member}; {@code holds} tells whether a member really holds the value. */
    Claim claim(LookupIndex index, String key, MemberId member, Predicate<Member> holds) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (records.claim(index, key, member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now);
            }
            IndexEntry entry = OnMaster.read(() -> records.owner(index, key));
            if (entry == null) {
                continue; // released between our insert and our read: claim again
            }
            MemberId holder = MemberId.of(entry.memberId());
            if (holder.equals(member)) {
                Instant stamp = now.isAfter(entry.claimedAt()) ? now : entry.claimedAt().plusMillis(1);
                if (records.restamp(index, key, member.value(), entry.claimedAt(), stamp) == 1) {
                    return new Claim(index, key, Optional.empty(), false, stamp);
                }
                continue; // released or restamped meanwhile: look again
            }
            boolean reallyHeld = OnMaster.read(() -> members.byId(holder)).filter(holds).isPresent();
            if (reallyHeld || entry.claimedAt().isAfter(now.minus(GRACE))) {
                return new Claim(index, key, Optional.of(holder), false, null);
            }
            if (records.takeOver(index, key, holder.value(), member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now);
            }
        }
        throw new IllegalStateException("could not settle the claim on " + index + " after 5 attempts");
    }

    /** Gives back a claim this command made and will not use (its change was rejected; nothing was written). */
    void release(Claim claim, MemberId member) {
        if (claim.made()) {
            records.release(claim.index(), claim.key(), member.value(), claim.at());
        }
    }

    /** The stamp of the member's own claim on a value, read before the change that gives the value up; null for none. */
    Instant stampOf(LookupIndex index, String key, MemberId member) {
        IndexEntry entry = OnMaster.read(() -> records.owner(index, key));
        return entry != null && entry.memberId() == member.value() ? entry.claimedAt() : null;
    }

    /** Gives back a value the member no longer holds, once its change is committed: the claim with that stamp only. */
    void releaseHeld(LookupIndex index, String key, MemberId member, Instant stamp) {
        if (stamp != null) {
            records.release(index, key, member.value(), stamp);
        }
    }
}
