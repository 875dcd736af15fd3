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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The uniqueness guard. A value (a mobile, an account key) is claimed in its index table, on its own shard, before
 * the member's shard commits; the primary key makes two claims exclusive. A claim whose holder does not actually
 * hold the value (its command was rejected after claiming, or its process died before committing) is taken over,
 * by compare-and-set, once it is older than {@link #GRACE}: younger claims may still be committing, so they count
 * as held. Commands commit within {@link #COMMIT_DEADLINE} of claiming or not at all, which keeps the two apart.
 */
final class IndexClaims {

    static final Duration GRACE = Duration.ofSeconds(30);
    static final Duration COMMIT_DEADLINE = Duration.ofSeconds(10);

    /** The outcome of a claim: the other member that holds the value, if any; whether this claim is new. */
    record Claim(LookupIndex index, String key, Optional<MemberId> heldByOther, boolean fresh, Instant at) {
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
            Instant now = clock.instant();
            if (records.claim(index, key, member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now);
            }
            IndexEntry entry = OnMaster.read(() -> records.owner(index, key));
            if (entry == null) {
                continue; // released between our insert and our read: claim again
            }
            MemberId holder = MemberId.of(entry.memberId());
            if (holder.equals(member)) {
                return new Claim(index, key, Optional.empty(), false, entry.claimedAt());
            }
            boolean reallyHeld = OnMaster.read(() -> members.byId(holder)).filter(holds).isPresent();
            if (reallyHeld || entry.claimedAt().isAfter(now.minus(GRACE))) {
                return new Claim(index, key, Optional.of(holder), false, entry.claimedAt());
            }
            if (records.takeOver(index, key, holder.value(), member.value(), now) == 1) {
                return new Claim(index, key, Optional.empty(), true, now);
            }
        }
        throw new IllegalStateException("could not settle the claim on " + index + " after 5 attempts");
    }

    /** Gives back a claim this command made and will not use (its change was rejected; nothing was written). */
    void release(Claim claim, MemberId member) {
        if (claim.fresh()) {
            records.release(claim.index(), claim.key(), member.value());
        }
    }

    /** Gives back a value the member no longer holds, once its change is committed. */
    void releaseHeld(LookupIndex index, String key, MemberId member) {
        records.release(index, key, member.value());
    }
}
