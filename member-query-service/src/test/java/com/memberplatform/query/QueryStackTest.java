package com.memberplatform.query;

import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.stores.search.SearchClusters;
import com.memberplatform.testsupport.RunningService;
import com.memberplatform.testsupport.WithLocalStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The query service's tests: the real stack, fed by a real write service and sync service (shared by all classes). */
@WithLocalStack
public abstract class QueryStackTest {

    @RegisterExtension
    protected static final RunningService WRITER = RunningService.of("member-write-service", "--member.commands.consumer.enabled=false");
    @RegisterExtension
    protected static final RunningService SYNC = RunningService.of("es-sync-consumer");

    @Autowired
    protected SearchClusters clusters;
    @Autowired
    protected RedisCenters centers;

    /** Members registered through the write service. */
    protected TestMembers members() {
        return new TestMembers(WRITER.asOrderCaller(), clusters, centers);
    }
}
