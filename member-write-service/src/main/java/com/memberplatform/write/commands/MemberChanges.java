package com.memberplatform.write.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberEvent;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.OutboxRow;
import com.memberplatform.stores.mysql.ShardedMembers;
import com.memberplatform.write.ids.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a member's applied changes and their change events in one transaction on the member's shard: the member
 * row (compare-and-set on the version, with the id of its last event), its binding rows, and one outbox row per event. Nothing here spans shards,
 * so the commit is atomic without XA; the relay sends the events afterwards.
 */
final class MemberChanges {

    private final MemberRecords records;
    private final IndexClaims claims;
    private final TransactionTemplate transaction;
    private final IdGenerator ids;
    private final ObjectMapper json;
    private final Clock clock;

    MemberChanges(MemberRecords records, IndexClaims claims, TransactionTemplate transaction, IdGenerator ids, ObjectMapper json,
                  Clock clock) {
        this.records = records;
        this.claims = claims;
        this.transaction = transaction;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param versionBefore the version the member was read at, 0 for a new member
     * @param claimsAsked   when (by the {@link Ticker}) the oldest index claim this command relies on was asked
     *                      for, if any; past the commit deadline, checked after the statements, nothing is written and
     *                      the command runs again (its claims re-stamped)
     */
    void commit(Member member, long versionBefore, List<Change> changes, OptionalLong claimsAsked) {
        commit(member, versionBefore, changes, claimsAsked, null);
    }

    /**
     * The member's transaction failed before its commit was sent, so it rolled back and nothing of it was written
     * (a failure of the commit itself is thrown as it is: the commit may have happened).
     */
    static final class RolledBack extends RuntimeException {

        RolledBack(RuntimeException failure) {
            super(failure.getMessage(), failure);
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /** An operator's action on the member, recorded with the change it caused. */
    record OperatorAction(String action, String operator, String reason) {
    }

    void commit(Member member, long versionBefore, List<Change> changes, OptionalLong claimsAsked, OperatorAction action) {
        boolean[] commitSent = {false};
        try {
            write(member, versionBefore, changes, claimsAsked, action, commitSent);
        } catch (ConcurrentModificationException | RolledBack e) {
            throw e;
        } catch (RuntimeException e) {
            throw commitSent[0] ? e : new RolledBack(e);
        }
    }

    private void write(Member member, long versionBefore, List<Change> changes, OptionalLong claimsAsked, OperatorAction action,
                       boolean[] commitSent) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            List<MemberChangeEvent> events = changes.stream()
                    .map(change -> MemberChangeEvent.of(ids.next(), change.event(), change.after())).toList();
            long lastEventId = events.isEmpty() ? 0 : events.get(events.size() - 1).eventId();
            if (versionBefore == 0) {
                records.insertMember(ShardedMembers.rowOf(member, lastEventId, now));
            } else if (records.updateMember(ShardedMembers.rowOf(member, lastEventId, now), versionBefore) != 1) {
                throw new ConcurrentModificationException("member " + member.id() + " is no longer at version " + versionBefore);
            }
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                MemberChangeEvent event = events.get(i);
                if (change.event() instanceof MemberEvent.AccountBound bound) {
                    records.insertBinding(ShardedMembers.rowOf(member.id(), bound.binding()));
                } else if (change.event() instanceof MemberEvent.AccountUnbound unbound) {
                    records.deleteBinding(member.id().value(), unbound.binding().id().value());
                }
                records.insertOutbox(new OutboxRow(event.eventId(), event.memberId(), event.version(), event.changeType(),
                        toJson(event), now));
                if (action != null && change.event() instanceof MemberEvent.StatusChanged statusChange) {
                    records.insertAudit(ids.next(), member.id().value(), action.action(), action.operator(), action.reason(),
                            statusChange.previous().name(), statusChange.current().name(), now);
                }
            }
            // Last, after the statements (each may have waited on a lock or a slow disk), right before the commit.
            if (claimsAsked.isPresent() && claims.pastCommitDeadline(claimsAsked.getAsLong())) {
                throw new ConcurrentModificationException("index claims of member " + member.id()
                        + " are older than the commit deadline; not committing");
            }
            commitSent[0] = true;
        });
    }

    private String toJson(MemberChangeEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize a change event", e);
        }
    }
}
