package com.memberplatform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.ServiceProcess;
import com.memberplatform.testsupport.StartupDrill;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration service starts with MySQL, the legacy database and the configuration Redis away, and recovers. */
@WithLocalStack
class StartupDrillIT {

    private static final String MODULE = "db-migration-service";
    private static final List<String> STORES = List.of("mysql", "legacy", "configRedis");

    @Test
    void shouldStartWithEveryStoreStoppedAndRecoverOnceTheyAreBack(LocalStack stack) throws Exception {
        try (ServiceProcess migration = StartupDrill.withStoresStopped(stack, MODULE, STORES, List.of())) {
            for (String store : STORES) {
                assertThat(migration.health().componentStatus(store)).as(store).isEqualTo("UP");
            }
        }
    }

    @Test
    void shouldEndItsJvmAtOnceWhenItsContextFails(LocalStack stack) throws Exception {
        assertThat(StartupDrill.exitCodeWhenTheContextFails(stack, MODULE, Duration.ofSeconds(90))).isNotZero();
    }
}
