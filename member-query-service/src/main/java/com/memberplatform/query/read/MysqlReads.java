package com.memberplatform.query.read;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.stores.mysql.IndexEntry;
import com.memberplatform.stores.mysql.LookupIndex;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.MemberRow;
import com.memberplatform.stores.mysql.ShardedMembers;
import com.memberplatform.stores.search.MemberDocuments;

/**
 * Reads from MySQL (the local replica) when no ES cluster can answer: the member by id from its shard, a mobile or
 * account key from its index table (one shard each, never a scatter).
 */
public final class MysqlReads {

    private final MemberRecords records;

    public MysqlReads(MemberRecords records) {
        this.records = records;
    }

    /** The member as a view document; null when there is no such member. */
    public MemberDocuments.View view(long memberId) {
        MemberRow row = records.findMember(memberId);
        return row == null ? null : MemberDocuments.view(ShardedMembers.snapshot(row, records.findBindings(memberId)), row.updatedAt());
    }

    /** The member whose index row holds a mobile or account key; null when none does. */
    public Long owner(LookupKey lookupKey) {
        LookupIndex index = switch (lookupKey.kind()) {
            case MOBILE -> LookupIndex.MOBILE;
            case ACCOUNT -> LookupIndex.ACCOUNT;
            case ID -> throw new IllegalArgumentException("not a mobile or account lookup key");
        };
        IndexEntry entry = records.owner(index, lookupKey.value());
        return entry == null ? null : entry.memberId();
    }
}
