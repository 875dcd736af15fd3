package com.memberplatform.stores.search;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.MemberSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The two document kinds of the member-relationship view, shaped exactly like the index templates (strict,
 * keyword-only), and where they live. Both are routed by their own id, so every lookup touches one shard.
 * <ul>
 * <li>{@code member-view}: one per member, id and routing = member id, external version = member version;</li>
 * <li>{@code member-lookup}: one per lookup key (mobile, account, unionid), id and routing = the key, pointing at the
 * member; external version = the id of the event that wrote it, so a key re-used by another member later wins.</li>
 * </ul>
 */
public final class MemberDocuments {

    public static final String VIEW_ALIAS = "member-view";
    public static final String VIEW_INDEX = "member-view-v1";
    public static final String LOOKUP_ALIAS = "member-lookup";
    public static final String LOOKUP_INDEX = "member-lookup-v1";

    private MemberDocuments() {
    }

    public record Binding(String bindingId, String platform, String accountType, String appId, String value, String unionid) {
    }

    public record View(String memberId, String mobile, String status, String registeredPlatform, String displayName,
                       long version, Instant updatedAt, List<String> accountKeys, List<Binding> bindings) {

        /** Every key a lookup can find this member by (as {@link MemberSnapshot#lookupKeys()}). */
        public List<LookupKey> lookupKeys() {
            return LookupKey.all(Long.parseLong(memberId), mobile, accountKeys,
                    bindings.stream().map(Binding::unionid).filter(Objects::nonNull).toList());
        }
    }

    public record Lookup(String lookupKey, String kind, String memberId, long version) {
    }

    public static View view(MemberSnapshot snapshot, Instant updatedAt) {
        return new View(Long.toString(snapshot.memberId()), snapshot.mobile(), snapshot.status(), snapshot.registeredPlatform(),
                snapshot.displayName(), snapshot.version(), updatedAt,
                snapshot.bindings().stream().map(MemberSnapshot.Binding::accountKey).toList(),
                snapshot.bindings().stream().map(b -> new Binding(Long.toString(b.bindingId()), b.platform(), b.accountType(),
                        b.appId(), b.value(), b.unionid())).toList());
    }

    /** The lookup documents of a member: every lookup key but its id (the view itself answers lookups by id). */
    public static List<Lookup> lookups(MemberSnapshot snapshot) {
        String member = Long.toString(snapshot.memberId());
        return snapshot.lookupKeys().stream().filter(key -> key.kind() != LookupKey.Kind.ID)
                .map(key -> new Lookup(key.toString(), key.kind().name(), member, snapshot.version()))
                .toList();
    }
}
