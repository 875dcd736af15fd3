package com.memberplatform.flowcontrol.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.ServiceProcess;
import com.memberplatform.testsupport.StartupDrill;
import com.memberplatform.testsupport.WithLocalStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ops service starts while its configuration Redis is away, says so, and recovers without a restart. */
@WithLocalStack
class StartupDrillIT {

    private static final String MODULE = "flow-control-config";

    @Test
    void shouldStartWithItsStoreStoppedAndRecoverOnceItIsBack(LocalStack stack) throws Exception {
        try (ServiceProcess ops = StartupDrill.withStoresStopped(stack, MODULE, List.of("configRedis"), List.of())) {
            assertThat(ops.health().componentStatus("configRedis")).isEqualTo("UP");
        }
    }

    @Test
    void shouldEndItsJvmAtOnceWhenItsContextFails(LocalStack stack) throws Exception {
        assertThat(StartupDrill.exitCodeWhenTheContextFails(stack, MODULE, Duration.ofSeconds(90))).isNotZero();
    }
}
