package com.memberplatform.sync.replication;

import com.memberplatform.api.contract.MemberChangeEvent;
import java.util.List;

/** Applies change events, in order, to one target. Applying an event twice, or an older one later, changes nothing. */
public interface TargetWriter {

    /**
     * @throws TargetUnavailableException the target is down or overloaded: the events will be retried as they are
     * @throws RuntimeException           the target refused the events: retried a few times, then dead-lettered
     */
    void apply(List<MemberChangeEvent> events) throws TargetUnavailableException;
}
