package com.memberplatform.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.ServiceProcess;
import com.memberplatform.testsupport.StartupDrill;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;

/**
 * The write service starts with MySQL, RocketMQ and the configuration Redis away (and with the name server frozen),
 * names what is missing in its health, and once the stores are back takes a registration whose change event is
 * published, without a restart.
 */
@WithLocalStack
class StartupDrillIT {

    private static final String MODULE = "member-write-service";
    private static final List<String> STORES = List.of("mysql", "rocketmq", "configRedis");

    @Test
    void shouldStartWithEveryStoreStoppedAndWriteOnceTheyAreBack(LocalStack stack) throws Exception {
        try (ServiceProcess writer = StartupDrill.withStoresStopped(stack, MODULE, STORES, List.of("workerLease", "commandConsumer"))) {
            assertRegistrationPublished(stack, writer);
        }
    }

    @Test
    void shouldStartWhileTheNameServerIsFrozen(LocalStack stack) throws Exception {
        try (ServiceProcess writer = StartupDrill.withServerFrozen(stack, MODULE, "rocketmq-namesrv", "commandConsumer")) {
            assertRegistrationPublished(stack, writer);
        }
    }

    @Test
    void shouldEndItsJvmAtOnceWhenItsContextFails(LocalStack stack) throws Exception {
        assertThat(StartupDrill.exitCodeWhenTheContextFails(stack, MODULE, Duration.ofSeconds(90))).isNotZero();
    }

    /** A registration answers 201 and its change event reaches the change topic. */
    private static void assertRegistrationPublished(LocalStack stack, ServiceProcess writer) throws Exception {
        Set<String> published = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer events = Consumers.push(stack.endpoint("member.stores.rocketmq.name-server"), "it-startup-drill-" + UUID.randomUUID());
        events.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        events.subscribe(MemberChangeEvent.TOPIC, "*");
        events.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(message -> published.add(message.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        events.start();
        try {
            WriteApi.Answer registered = WriteApi.asOrderCaller(writer.port()).post("/api/v1/members", WriteApi.registration(WriteApi.freshMobile()));
            assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(90)).until(() -> published.contains(registered.memberId()));
        } finally {
            events.shutdown();
        }
    }
}
