package com.memberplatform.api.domain;

import java.time.Instant;

/** What happened to a member. Every event carries the member version it produced, so consumers can order them. */
public sealed interface MemberEvent
        permits MemberEvent.MemberRegistered, MemberEvent.AccountBound, MemberEvent.AccountUnbound,
        MemberEvent.ProfileChanged, MemberEvent.MobileChanged, MemberEvent.StatusChanged {

    MemberId memberId();

    long version();

    Instant occurredAt();

    record MemberRegistered(MemberId memberId, long version, Instant occurredAt, Mobile mobile,
                            Platform registeredPlatform) implements MemberEvent {
    }

    record AccountBound(MemberId memberId, long version, Instant occurredAt, AccountBinding binding)
            implements MemberEvent {
    }

    record AccountUnbound(MemberId memberId, long version, Instant occurredAt, AccountBinding binding)
            implements MemberEvent {
    }

    record ProfileChanged(MemberId memberId, long version, Instant occurredAt, String displayName)
            implements MemberEvent {
    }

    /** An operator froze (quarantined) or released the member. */
    record StatusChanged(MemberId memberId, long version, Instant occurredAt, MemberStatus previous, MemberStatus current,
                         String reason) implements MemberEvent {
    }

    /** Carries the old mobile too: its index entry and cache keys must go. */
    record MobileChanged(MemberId memberId, long version, Instant occurredAt, Mobile previous, Mobile current)
            implements MemberEvent {
    }
}
