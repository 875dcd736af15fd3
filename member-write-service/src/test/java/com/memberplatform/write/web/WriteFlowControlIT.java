package com.memberplatform.write.web;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.client.StrictJson;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.testsupport.WriteApi.Answer;
import com.memberplatform.write.WriteApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hot-key limit of the write service counts the member a command names: a member written too often is throttled. */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteFlowControlIT {

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("configRedis")
    RedissonClient configRedis;

    @Test
    void shouldThrottleWritesOfAHotMemberWhileOtherMembersPass() throws Exception {
        WriteApi api = WriteApi.asOrderCaller(port);
        String hot = api.post("/api/v1/members", registration(freshMobile())).memberId();
        String other = api.post("/api/v1/members", registration(freshMobile())).memberId();
        ConfigPublisher publisher = new ConfigPublisher(configRedis);
        String bundled = StrictJson.bundledText("flow-rules");
        publisher.publish(FlowRulesConfiguration.FLOW_RULES, bundled.replace("\"hotKeyQps\": 200", "\"hotKeyQps\": 5"),
                "write-flow-control-it", "a low hot-key limit");
        List<Answer> hotAnswers = new ArrayList<>();
        Answer otherAnswer;
        try {
            Thread.sleep(1_000);
            long until = System.nanoTime() + 1_000_000_000L;
            for (int i = 0; System.nanoTime() < until; i++) {
                hotAnswers.add(api.patch("/api/v1/members/" + hot, "{\"displayName\":\"Hot " + i + "\"}"));
            }
            otherAnswer = api.patch("/api/v1/members/" + other, "{\"displayName\":\"Cool\"}");
        } finally {
            publisher.publish(FlowRulesConfiguration.FLOW_RULES, bundled, "write-flow-control-it", "restore");
        }

        List<Answer> limited = hotAnswers.stream().filter(a -> a.status() == 429).toList();
        long passed = hotAnswers.stream().filter(a -> a.status() == 200).count();
        assertThat(hotAnswers.size()).as("sent in one second").isGreaterThan(10);
        assertThat(passed + limited.size()).isEqualTo(hotAnswers.size());
        assertThat(passed).as("5/s over at most two clock seconds").isBetween(1L, 10L);
        assertThat(limited.get(0).code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.get(0).body().path("detail").asText()).contains("hot key limit");
        assertThat(limited.get(0).header("Retry-After")).isEqualTo("1");
        assertThat(otherAnswer.status()).isEqualTo(200);
    }
}
