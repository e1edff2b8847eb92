package io.cercle.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded broker on its own, whatever broker the rest of the JVM uses. */
class EmbeddedQpidBrokerTest {

    private static EmbeddedQpidBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedQpidBroker.start(0, "localhost");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void routesAMessageThroughATopicExchangeToADurableQueue() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("content", "topic", true);
            channel.queueDeclare("content.notification", true, false, false, null);
            channel.queueBind("content.notification", "content", "content.answer.#");

            channel.basicPublish("content", "content.answer.accepted", null,
                    "{\"type\":\"content.answer.accepted\"}".getBytes(StandardCharsets.UTF_8));

            GetResponse received = await().atMost(Duration.ofSeconds(5))
                    .until(() -> channel.basicGet("content.notification", true), Objects::nonNull);
            assertThat(new String(received.getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"type\":\"content.answer.accepted\"}");
        }
    }

    @Test
    void acceptsTheDeadLetterArgumentsTheRabbitBinderDeclares() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare("orders.group.dlq", true, false, false, null);
            // Refused with 542 unless queue.behaviourOnUnknownDeclareArgument=LOG.
            channel.queueDeclare("orders.group", true, false, false, Map.of(
                    "x-dead-letter-exchange", "DLX", "x-dead-letter-routing-key", "orders.group"));

            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.queueDeclarePassive("orders.group").getQueue()).isEqualTo("orders.group");
        }
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setPort(broker.port());
        factory.setUsername(EmbeddedQpidBroker.USERNAME);
        factory.setPassword(EmbeddedQpidBroker.PASSWORD);
        return factory.newConnection();
    }
}
