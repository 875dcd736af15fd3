package com.memberplatform.api.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The member aggregate: one person, their mobile, profile, status and every external account bound to them.
 * Each applied change bumps {@link #version()} by one and yields the event that says so; rejected changes leave
 * the member exactly as it was.
 */
public final class Member {

    private final MemberId id;
    private final Platform registeredPlatform;
    private final Instant createdAt;
    private final List<AccountBinding> bindings;
    private Mobile mobile;
    private String displayName;
    private MemberStatus status;
    private long version;

    private Member(MemberId id, Mobile mobile, String displayName, Platform registeredPlatform, MemberStatus status,
                   long version, Instant createdAt, List<AccountBinding> bindings) {
        this.id = Objects.requireNonNull(id, "id");
        this.mobile = Objects.requireNonNull(mobile, "mobile");
        this.displayName = DisplayName.validate(displayName);
        this.registeredPlatform = Objects.requireNonNull(registeredPlatform, "registeredPlatform");
        this.status = Objects.requireNonNull(status, "status");
        this.version = version;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.bindings = new ArrayList<>(bindings);
    }

    /** Registers a new member at version 1, unless the mobile already belongs to somebody. */
    public static Registration register(MemberId id, Mobile mobile, String displayName, Platform platform,
                                        Owners owners, Instant now) {
        Decision decision = MobilePolicy.forRegistration(owners);
        if (decision instanceof Decision.Rejected rejected) {
            return new Registration(Optional.empty(), new Outcome.Rejected(rejected.reason()));
        }
        Member member = new Member(id, mobile, displayName, platform, MemberStatus.ACTIVE, 1, now, List.of());
        MemberEvent event = new MemberEvent.MemberRegistered(id, 1, now, mobile, platform);
        return new Registration(Optional.of(member), new Outcome.Applied(event));
    }

    /** Rebuilds a member from storage; no rules run and no event is produced. */
    public static Member restore(MemberId id, Mobile mobile, String displayName, Platform platform, MemberStatus status,
                                 long version, Instant createdAt, List<AccountBinding> bindings) {
        if (version < 1) {
            throw new InvalidValueException("version", "must be at least 1");
        }
        return new Member(id, mobile, displayName, platform, status, version, createdAt, bindings);
    }

    public record Registration(Optional<Member> member, Outcome outcome) {
    }

    /** Binds an external account, if every binding policy allows it. Binding an account already bound here changes nothing. */
    public Outcome bind(BindingId bindingId, BindingRequest request, Owners owners, Instant now) {
        if (bindingOf(request.account()).isPresent() && status == MemberStatus.ACTIVE) {
            return new Outcome.Unchanged();
        }
        Decision decision = BindingPolicy.firstRejection(BindingPolicy.all(), this, request, owners);
        if (decision instanceof Decision.Rejected rejected) {
            return new Outcome.Rejected(rejected.reason());
        }
        AccountBinding binding = new AccountBinding(bindingId, request.account(), request.unionid().orElse(null), now);
        bindings.add(binding);
        return applied(new MemberEvent.AccountBound(id, ++version, now, binding));
    }

    public Outcome unbind(BindingId bindingId, Instant now) {
        if (status != MemberStatus.ACTIVE) {
            return new Outcome.Rejected(RejectionReason.MEMBER_NOT_ACTIVE);
        }
        Optional<AccountBinding> binding = bindings.stream().filter(b -> b.id().equals(bindingId)).findFirst();
        if (binding.isEmpty()) {
            return new Outcome.Rejected(RejectionReason.BINDING_NOT_FOUND);
        }
        bindings.remove(binding.get());
        return applied(new MemberEvent.AccountUnbound(id, ++version, now, binding.get()));
    }

    public Outcome changeMobile(Mobile newMobile, Owners owners, Instant now) {
        if (status != MemberStatus.ACTIVE) {
            return new Outcome.Rejected(RejectionReason.MEMBER_NOT_ACTIVE);
        }
        if (newMobile.equals(mobile)) {
            return new Outcome.Unchanged();
        }
        Decision decision = MobilePolicy.forChange(id, owners);
        if (decision instanceof Decision.Rejected rejected) {
            return new Outcome.Rejected(rejected.reason());
        }
        Mobile previous = mobile;
        mobile = newMobile;
        return applied(new MemberEvent.MobileChanged(id, ++version, now, previous, newMobile));
    }

    public Outcome changeProfile(String newDisplayName, Instant now) {
        String validated = DisplayName.validate(newDisplayName);
        if (status == MemberStatus.CANCELLED) {
            return new Outcome.Rejected(RejectionReason.MEMBER_NOT_ACTIVE);
        }
        if (Objects.equals(validated, displayName)) {
            return new Outcome.Unchanged();
        }
        displayName = validated;
        return applied(new MemberEvent.ProfileChanged(id, ++version, now, validated));
    }

    /** Quarantine: a frozen member keeps its data but takes no binding change until released. */
    public Outcome freeze(String reason, Instant now) {
        return changeStatus(MemberStatus.ACTIVE, MemberStatus.FROZEN, reason, now);
    }

    public Outcome release(String reason, Instant now) {
        return changeStatus(MemberStatus.FROZEN, MemberStatus.ACTIVE, reason, now);
    }

    private Outcome changeStatus(MemberStatus from, MemberStatus to, String reason, Instant now) {
        if (status == to) {
            return new Outcome.Unchanged();
        }
        if (status != from) {
            return new Outcome.Rejected(RejectionReason.MEMBER_NOT_ACTIVE);
        }
        status = to;
        return applied(new MemberEvent.StatusChanged(id, ++version, now, from, to, reason));
    }

    private Outcome applied(MemberEvent event) {
        return new Outcome.Applied(event);
    }

    public Optional<AccountBinding> bindingOf(AccountKey account) {
        return bindings.stream().filter(b -> b.account().equals(account)).findFirst();
    }

    /** The unionid this member's WeChat accounts carry, if any does. */
    public Optional<Unionid> unionid() {
        return bindings.stream().map(AccountBinding::unionid).filter(Objects::nonNull).findFirst();
    }

    public MemberId id() {
        return id;
    }

    public Mobile mobile() {
        return mobile;
    }

    public String displayName() {
        return displayName;
    }

    public Platform registeredPlatform() {
        return registeredPlatform;
    }

    public MemberStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<AccountBinding> bindings() {
        return List.copyOf(bindings);
    }

    @Override
    public String toString() {
        return "Member[" + id + ", v" + version + ", " + status + ", " + bindings.size() + " bindings]";
    }
}
