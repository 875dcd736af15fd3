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
 * as held. A claim's age is measured by the clock of the database that holds it (its {@code stamped_at}), so no
 * service's clock, however far off, can find a young claim stale. Commands commit within {@link #COMMIT_DEADLINE}
 * of claiming or not at all, measured by the service's monotonic clock ({@link Ticker}) from the moment it sent the
 * statement that stamped the claim (the database stamped it after that moment), which keeps the two apart.
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
     * refusal gives back only those); the stamp this command holds the claim with (null when another member holds it),
     * and the {@link Ticker} reading before the statement that stored that stamp.
     */
    record Claim(LookupIndex index, String key, Optional<MemberId> heldByOther, boolean made, Instant at, long askedNanos) {
    }

    /** Whether a command that stamped its oldest claim after {@code askedNanos} may no longer commit. */
    boolean pastCommitDeadline(long askedNanos) {
        return ticker.nanos() - askedNanos > COMMIT_DEADLINE.toNanos();
    }

    private final MemberRecords records;
    private final ShardedMembers members;
    private final Clock clock;
    private final Ticker ticker;

    IndexClaims(MemberRecords records, ShardedMembers members, Clock clock, Ticker ticker) {
        this.records = records;
        this.members = members;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** Claims {@code key} for {@code member}; {@code holds} tells whether a member really holds the value. */
    Claim claim(LookupIndex index, String key, MemberId member, Predicate<Member> holds) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long asked = ticker.nanos();
            if (records.claim(index, key, member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now, asked);
            }
            IndexEntry entry = OnMaster.read(() -> records.owner(index, key));
            if (entry == null) {
                continue; // released between our insert and our read: claim again
            }
            MemberId holder = MemberId.of(entry.memberId());
            if (holder.equals(member)) {
                Instant stamp = now.isAfter(entry.claimedAt()) ? now : entry.claimedAt().plusMillis(1);
                asked = ticker.nanos();
                if (records.restamp(index, key, member.value(), entry.claimedAt(), stamp) == 1) {
                    return new Claim(index, key, Optional.empty(), false, stamp, asked);
                }
                continue; // released or restamped meanwhile: look again
            }
            boolean reallyHeld = OnMaster.read(() -> members.byId(holder)).filter(holds).isPresent();
            if (reallyHeld || entry.age().compareTo(GRACE) < 0) {
                return new Claim(index, key, Optional.of(holder), false, null, 0);
            }
            asked = ticker.nanos();
            if (records.takeOver(index, key, holder.value(), entry.claimedAt(), member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now, asked);
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
