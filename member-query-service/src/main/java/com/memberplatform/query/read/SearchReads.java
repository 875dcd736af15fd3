package com.memberplatform.query.read;

import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.api.topology.Store;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** Reads of the member-relationship view in one ES cluster. Every read touches one shard per member or key. */
public interface SearchReads {

    /** The member's view, read in real time (a GET by id, routed by it); null when there is no such member. */
    MemberDocuments.View view(Store cluster, long memberId) throws IOException;

    /** The views of several members, in real time (a routed multi-get); absent ones are left out. */
    Map<Long, MemberDocuments.View> views(Store cluster, Collection<Long> memberIds) throws IOException;

    /** The member a mobile or account key points at (a routed filter query); null when none does. */
    Long owner(Store cluster, LookupKey lookupKey) throws IOException;
}
