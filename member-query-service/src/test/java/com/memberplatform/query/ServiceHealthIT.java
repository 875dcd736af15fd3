package com.memberplatform.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.testsupport.HealthProbe;
import com.memberplatform.testsupport.WithLocalStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service starts against the real stack and its health names every store it uses, each up. */
@WithLocalStack
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceHealthIT {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "redis", "elasticsearch", "configRedis"})
    void shouldReportEachStoreItUsesAsUp(String store) {
        HealthProbe health = HealthProbe.of("http://127.0.0.1:" + port);

        assertThat(health.componentStatus(store)).as(health.body()).isEqualTo("UP");
        assertThat(health.overallStatus()).isEqualTo("UP");
    }
}
