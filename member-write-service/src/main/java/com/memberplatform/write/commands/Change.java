package com.memberplatform.write.commands;

import com.memberplatform.api.contract.MemberSnapshot;
import com.memberplatform.api.domain.MemberEvent;

/** One applied change and the member as it left it (what its change event carries). */
record Change(MemberEvent event, MemberSnapshot after) {
}
