package com.memberplatform.write.commands;

import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.api.domain.AccountBinding;
import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.BindingId;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.DisplayName;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Outcome;
import com.memberplatform.api.domain.Owners;
import com.memberplatform.api.domain.Platform;
import com.memberplatform.api.domain.RejectionReason;
import com.memberplatform.api.domain.Unionid;
import com.memberplatform.stores.mysql.LookupIndex;
import com.memberplatform.stores.mysql.OnMaster;
import com.memberplatform.stores.mysql.ShardedMembers;
import com.memberplatform.write.ids.IdGenerator;
import com.memberplatform.write.commands.IndexClaims.Claim;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The write use cases. Each claims the index values it needs, lets the domain decide with the owners those claims
 * revealed, and commits the member's shard. A rejected command gives back the claims it made and writes nothing;
 * a command that lost a race on the member's version runs again on the new state, up to {@value #ATTEMPTS} times,
 * then comes to a conflict (409 {@code CONCURRENT_MODIFICATION}: the caller retries).
 */
public final class MemberCommands {

    private static final int ATTEMPTS = 3;

    private final ShardedMembers members;
    private final IndexClaims claims;
    private final MemberChanges changes;
    private final IdGenerator ids;
    private final Clock clock;

    public MemberCommands(ShardedMembers members, IndexClaims claims, MemberChanges changes, IdGenerator ids, Clock clock) {
        this.members = members;
        this.claims = claims;
        this.changes = changes;
        this.ids = ids;
        this.clock = clock;
    }

    public CommandResult register(Mobile mobile, String displayName, Platform platform, Optional<BindingRequest> firstAccount) {
        // Every field is checked before anything is claimed: a refused body claims nothing and answers 400 whatever
        // the mobile's owner.
        String name = DisplayName.validate(displayName);
        MemberId id = MemberId.of(ids.next());
        Instant now = clock.instant();
        List<Claim> made = new ArrayList<>();
        Member member;
        List<Change> applied = new ArrayList<>();
        try {
            Claim mobileClaim = claims.claim(LookupIndex.MOBILE, mobile.e164(), id, holdsMobile(mobile));
            made.add(mobileClaim);
            Owners owners = mobileClaim.heldByOther().map(Owners.none()::withMobileOwner).orElse(Owners.none());
            Member.Registration registration = Member.register(id, mobile, name, platform, owners, now);
            if (registration.outcome() instanceof Outcome.Rejected rejected) {
                return refuse(made, id, rejected.reason());
            }
            member = registration.member().orElseThrow();
            applied.add(new Change(registration.outcome().producedEvent().orElseThrow(), MemberSnapshot.of(member)));
            if (firstAccount.isPresent()) {
                Outcome bound = member.bind(BindingId.of(ids.next()), firstAccount.get(), claimAccount(member, firstAccount.get(), made), now);
                if (bound instanceof Outcome.Rejected rejected) {
                    return refuse(made, id, rejected.reason());
                }
                applied.add(new Change(bound.producedEvent().orElseThrow(), MemberSnapshot.of(member)));
            }
        } catch (RuntimeException failed) {
            throw releasing(made, id, failed);
        }
        try {
            changes.commit(member, 0, applied, oldest(made));
        } catch (ConcurrentModificationException pastDeadline) {
            made.forEach(claim -> claims.release(claim, id)); // rolled back: nothing holds the values
            return CommandResult.conflict();
        } catch (MemberChanges.RolledBack failed) {
            throw releasing(made, id, failed.failure());
        }
        return CommandResult.applied(member);
    }

    public CommandResult bind(MemberId id, BindingRequest request) {
        return retrying(id, member -> {
            List<Claim> made = new ArrayList<>();
            Outcome outcome = member.bind(BindingId.of(ids.next()), request, claimAccount(member, request, made), clock.instant());
            return new Step(outcome, made, List.of());
        });
    }

    public CommandResult unbind(MemberId id, BindingId bindingId) {
        return retrying(id, member -> {
            Optional<AccountBinding> binding = member.bindings().stream().filter(b -> b.id().equals(bindingId)).findFirst();
            Outcome outcome = member.unbind(bindingId, clock.instant());
            List<Runnable> afterCommit = new ArrayList<>();
            binding.ifPresent(b -> {
                afterCommit.add(releaseAfterCommit(LookupIndex.ACCOUNT, b.account().canonical(), id));
                b.unionidIfAny().filter(unionid -> member.unionid().isEmpty()).ifPresent(unionid -> afterCommit.add(
                        releaseAfterCommit(LookupIndex.ACCOUNT, AccountKey.unionid(unionid).canonical(), id)));
            });
            return new Step(outcome, List.of(), afterCommit);
        });
    }

    public CommandResult changeMobile(MemberId id, Mobile mobile) {
        return retrying(id, member -> {
            Mobile previous = member.mobile();
            List<Claim> made = new ArrayList<>();
            Owners owners = Owners.none();
            if (!previous.equals(mobile)) {
                Claim claim = claims.claim(LookupIndex.MOBILE, mobile.e164(), id, holdsMobile(mobile));
                made.add(claim);
                owners = claim.heldByOther().map(owners::withMobileOwner).orElse(owners);
            }
            Outcome outcome = member.changeMobile(mobile, owners, clock.instant());
            List<Runnable> afterCommit = previous.equals(mobile) ? List.of()
                    : List.of(releaseAfterCommit(LookupIndex.MOBILE, previous.e164(), id));
            return new Step(outcome, made, afterCommit);
        });
    }

    public CommandResult changeProfile(MemberId id, String displayName) {
        return retrying(id, member -> new Step(member.changeProfile(displayName, clock.instant()), List.of(), List.of()));
    }

    /** Quarantine: freezes the member (no binding changes until released), recorded with who did it and why. */
    public CommandResult quarantine(MemberId id, String operator, String reason) {
        MemberChanges.OperatorAction action = new MemberChanges.OperatorAction("QUARANTINE", operator, reason);
        return retrying(id, member -> new Step(member.freeze(reason, clock.instant()), List.of(), List.of(), action));
    }

    public CommandResult releaseFromQuarantine(MemberId id, String operator, String reason) {
        MemberChanges.OperatorAction action = new MemberChanges.OperatorAction("RELEASE", operator, reason);
        return retrying(id, member -> new Step(member.release(reason, clock.instant()), List.of(), List.of(), action));
    }

    /** One try of a command on the member as read: its outcome, the claims it made, what to do once committed. */
    private record Step(Outcome outcome, List<Claim> claims, List<Runnable> afterCommit, MemberChanges.OperatorAction action) {

        Step(Outcome outcome, List<Claim> claims, List<Runnable> afterCommit) {
            this(outcome, claims, afterCommit, null);
        }
    }

    private CommandResult retrying(MemberId id, Function<Member, Step> command) {
        for (int attempt = 1; ; attempt++) {
            Optional<Member> found = OnMaster.read(() -> members.byId(id));
            if (found.isEmpty()) {
                return CommandResult.rejected(RejectionReason.MEMBER_NOT_FOUND);
            }
            Member member = found.get();
            long versionBefore = member.version();
            Step step = command.apply(member);
            if (step.outcome() instanceof Outcome.Rejected rejected) {
                return refuse(step.claims(), id, rejected.reason());
            }
            if (step.outcome() instanceof Outcome.Unchanged) {
                return CommandResult.unchanged(member);
            }
            Change change = new Change(step.outcome().producedEvent().orElseThrow(), MemberSnapshot.of(member));
            try {
                changes.commit(member, versionBefore, List.of(change), oldest(step.claims()), step.action());
            } catch (ConcurrentModificationException e) {
                // Claims stay: on the next attempt they are found held by this member, or taken over once stale.
                if (attempt == ATTEMPTS) {
                    return CommandResult.conflict();
                }
                continue;
            } catch (MemberChanges.RolledBack failed) {
                throw releasing(step.claims(), id, failed.failure());
            }
            step.afterCommit().forEach(Runnable::run);
            return CommandResult.applied(member);
        }
    }

    /**
     * The release of a value the member gives up, to run once the change is committed. The claim's stamp is read
     * now, before the commit: if the member takes the value back before the release runs, its claim has a new stamp
     * and the release leaves it alone.
     */
    private Runnable releaseAfterCommit(LookupIndex index, String key, MemberId id) {
        Instant stamp = claims.stampOf(index, key, id);
        return () -> claims.releaseHeld(index, key, id, stamp);
    }

    /** Claims the account key, and the unionid it carries, for the member; returns who else holds them. */
    private Owners claimAccount(Member member, BindingRequest request, List<Claim> made) {
        Claim account = claims.claim(LookupIndex.ACCOUNT, request.account().canonical(), member.id(),
                holder -> holder.bindingOf(request.account()).isPresent());
        made.add(account);
        Owners owners = account.heldByOther().map(Owners.none()::withAccountOwner).orElse(Owners.none());
        if (request.unionid().isPresent()) {
            Unionid unionid = request.unionid().get();
            Claim union = claims.claim(LookupIndex.ACCOUNT, AccountKey.unionid(unionid).canonical(), member.id(),
                    holder -> holder.unionid().filter(unionid::equals).isPresent());
            made.add(union);
            owners = union.heldByOther().map(owners::withUnionidOwner).orElse(owners);
        }
        return owners;
    }

    /**
     * Gives back the claims of a command that failed before its commit was sent (MySQL gone while claiming, a
     * statement of the member's transaction failed and it rolled back), so none stays pointing at a member that did
     * not get the value and a retry finds the values free; returns the failure to throw. Claims of a command whose
     * commit was sent stay, whatever the commit's outcome: if it committed, the member holds the values; if not, the
     * young claims count as held until stale, then are taken over ({@link IndexClaims#GRACE}). A claim whose release
     * fails too is taken over the same way.
     */
    private RuntimeException releasing(List<Claim> made, MemberId id, RuntimeException failed) {
        try {
            made.forEach(claim -> claims.release(claim, id));
        } catch (RuntimeException releaseFailed) {
            failed.addSuppressed(releaseFailed);
        }
        return failed;
    }

    private CommandResult refuse(List<Claim> made, MemberId id, RejectionReason reason) {
        made.forEach(claim -> claims.release(claim, id));
        return CommandResult.rejected(reason);
    }

    private static java.util.function.Predicate<Member> holdsMobile(Mobile mobile) {
        return holder -> holder.mobile().equals(mobile);
    }

    /** When the oldest claim this command holds was asked for (ticker readings compare by their difference). */
    private static OptionalLong oldest(List<Claim> made) {
        return made.stream().filter(claim -> claim.at() != null).mapToLong(Claim::askedNanos)
                .reduce((a, b) -> a - b <= 0 ? a : b);
    }
}
