package com.memberplatform.write.mq;

import static com.memberplatform.testsupport.WriteApi.freshMobile;
import static com.memberplatform.testsupport.WriteApi.freshWeChatId;
import static com.memberplatform.testsupport.WriteApi.openid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.testsupport.LocalStack;
import com.memberplatform.testsupport.WithLocalStack;
import com.memberplatform.testsupport.WriteApi;
import com.memberplatform.write.WriteApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Business lines' commands over RocketMQ: applied once per request id; what cannot be applied is dead-lettered with its reason. */
@WithLocalStack
@SpringBootTest(classes = WriteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MqCommandsIT {

    private static final Map<String, String> deadLetterReasons = new ConcurrentHashMap<>();
    private static DefaultMQProducer producer;
    private static DefaultMQPushConsumer deadLetters;

    @LocalServerPort
    int port;

    @Autowired
    DataSource sharded;

    @BeforeAll
    static void connect(LocalStack stack) throws Exception {
        String nameServer = stack.endpoint("member.stores.rocketmq.name-server");
        producer = new DefaultMQProducer("it-business-line-" + UUID.randomUUID());
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(producer.getProducerGroup());
        producer.start();
        deadLetters = Consumers.push(nameServer, "it-dead-letters-" + UUID.randomUUID());
        deadLetters.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        deadLetters.subscribe(CommandMessage.DEAD_LETTER_TOPIC, "*");
        deadLetters.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> deadLetterReasons.put(m.getUserProperty(CommandConsumer.REQUEST_ID) == null
                    ? new String(m.getBody(), StandardCharsets.UTF_8) : m.getUserProperty(CommandConsumer.REQUEST_ID),
                    m.getUserProperty(CommandConsumer.REASON)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        deadLetters.start();
    }

    @AfterAll
    static void close() {
        producer.shutdown();
        deadLetters.shutdown();
    }

    private static void send(String json) throws Exception {
        producer.send(new Message(CommandMessage.TOPIC, "it", json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String command(String requestId, String caller, String command, String memberId, String payload) {
        return "{\"requestId\":\"" + requestId + "\",\"callerId\":\"" + caller + "\",\"command\":\"" + command + "\""
                + (memberId == null ? "" : ",\"memberId\":\"" + memberId + "\"") + ",\"payload\":" + payload + "}";
    }

    private int membersWithMobile(String mobile) {
        return new JdbcTemplate(sharded).queryForObject("SELECT COUNT(*) FROM member WHERE mobile = ?", Integer.class, mobile);
    }

    @Test
    void shouldApplyARegistrationOnceThoughItArrivesTwice() throws Exception {
        String mobile = freshMobile();
        String requestId = "reg-" + UUID.randomUUID();
        String message = command(requestId, "batch-demo", "REGISTER", null,
                "{\"mobile\":\"" + mobile + "\",\"platform\":\"TRAVEL_APP\"}");

        send(message);
        send(message);

        await().atMost(Duration.ofSeconds(60)).until(() -> membersWithMobile(mobile) == 1);
        Thread.sleep(3_000); // give the second delivery every chance to do harm
        assertThat(membersWithMobile(mobile)).isEqualTo(1);
        assertThat(deadLetterReasons).doesNotContainKey(requestId);
    }

    @Test
    void shouldDeadLetterABindingRefusedByGovernanceWithItsReason() throws Exception {
        WriteApi api = WriteApi.asOrderCaller(port);
        String alice = api.post("/api/v1/members", WriteApi.registration(freshMobile())).memberId();
        String bob = api.post("/api/v1/members", WriteApi.registration(freshMobile())).memberId();
        String account = openid("wxminiapp0001", freshWeChatId("oMq"), null);
        api.post("/api/v1/members/" + alice + "/bindings", account);
        String requestId = "bind-" + UUID.randomUUID();

        send(command(requestId, "batch-demo", "BIND", bob, account));

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterReasons.containsKey(requestId));
        assertThat(deadLetterReasons.get(requestId)).isEqualTo("ACCOUNT_BOUND_TO_OTHER_MEMBER");
    }

    @Test
    void shouldDeadLetterACommandFromAnUnknownCallerOrWithoutWriteRights() throws Exception {
        String unknown = "who-" + UUID.randomUUID();
        String reader = "reader-" + UUID.randomUUID();

        send(command(unknown, "nobody-here", "REGISTER", null, "{\"mobile\":\"" + freshMobile() + "\",\"platform\":\"WECHAT\"}"));
        send(command(reader, "marketing-demo", "REGISTER", null, "{\"mobile\":\"" + freshMobile() + "\",\"platform\":\"WECHAT\"}"));

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterReasons.containsKey(unknown) && deadLetterReasons.containsKey(reader));
        assertThat(deadLetterReasons.get(unknown)).isEqualTo("UNAUTHENTICATED");
        assertThat(deadLetterReasons.get(reader)).isEqualTo("FORBIDDEN");
    }

    @Test
    void shouldDeadLetterInvalidAndMalformedCommands() throws Exception {
        String invalid = "bad-mobile-" + UUID.randomUUID();
        String garbage = "not json at all " + UUID.randomUUID();

        send(command(invalid, "batch-demo", "REGISTER", null, "{\"mobile\":\"+86123\",\"platform\":\"WECHAT\"}"));
        send(garbage);

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterReasons.containsKey(invalid) && deadLetterReasons.containsKey(garbage));
        assertThat(deadLetterReasons.get(invalid)).isEqualTo("VALIDATION_FAILED");
        assertThat(deadLetterReasons.get(garbage)).isEqualTo("MALFORMED_REQUEST");
    }
}
