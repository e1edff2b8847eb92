package io.cercle.devstack;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The per-service RabbitMQ users and the dead-letter policy on the machine's real RabbitMQ (localhost:5672, guest),
 * in a virtual host of their own so that the other tests and local runs sharing the broker are not touched: each
 * service does what its binder does with its own user, and gets ACCESS_REFUSED on another service's exchange or
 * queue; dead letters expire.
 */
class BrokerSetupTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String VHOST = "cercle-test-" + RUN;
    private static final String NOTIFICATION_QUEUE = "cercle.identity.notification-service.tenant-directory";
    private static final String IDENTITY_EXCHANGE = "cercle.identity";

    private static List<BrokerAccount> accounts;
    private static Optional<String> how;

    @BeforeAll
    static void createTheUsersAndThePolicy() {
        accounts = BrokerAccount.forServices(ServiceSpec.ALL, "cercle-test-" + RUN + "-");
        // Seconds instead of the default 14 days, to see dead letters go.
        how = new BrokerSetup("localhost", 5672, 15672, VHOST, "guest", "guest").apply(accounts, TTL);
    }

    @AfterAll
    static void removeThem() throws Exception {
        rabbitmqctl("delete_vhost", VHOST);
        for (BrokerAccount account : accounts) {
            rabbitmqctl("delete_user", account.username());
        }
    }

    @Test
    void everyServiceButTheGatewayGetsItsOwnUserThatCanLogIn() {
        assertThat(how).isPresent();
        assertThat(accounts).extracting(BrokerAccount::service)
                .containsExactly("identity", "community", "content", "gamification", "notification");
    }

    @Test
    void aPublisherAndAConsumerDoWhatTheBinderDoesWithTheirOwnUsers() throws Exception {
        try (Connection identity = connect("identity"); Connection notification = connect("notification")) {
            Channel consumer = notification.createChannel();
            declareLikeTheBinder(consumer);

            Channel publisher = identity.createChannel();
            publisher.exchangeDeclare(IDENTITY_EXCHANGE, "topic", true);
            publisher.confirmSelect();
            publisher.basicPublish(IDENTITY_EXCHANGE, "identity.tenant.created", null, bytes("created"));
            publisher.waitForConfirmsOrDie(5_000);

            GetResponse delivery = await().atMost(BOUND).until(() -> consumer.basicGet(NOTIFICATION_QUEUE, true),
                    response -> response != null);
            assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).isEqualTo("created");
            // republish-to-dlq: the consumer publishes the failed delivery to DLX, routed by its queue's name (a
            // refused publish would close the channel and fail the wait).
            consumer.confirmSelect();
            consumer.basicPublish(BrokerAccount.DEAD_LETTER_EXCHANGE, NOTIFICATION_QUEUE, null, bytes("poison"));
            consumer.waitForConfirmsOrDie(5_000);
        }
    }

    @Test
    void aServiceCannotPublishToAnotherServicesExchange() throws Exception {
        try (Connection identity = connect("identity"); Connection notification = connect("notification")) {
            identity.createChannel().exchangeDeclare(IDENTITY_EXCHANGE, "topic", true);
            Channel channel = notification.createChannel();
            channel.confirmSelect();
            channel.basicPublish(IDENTITY_EXCHANGE, "identity.tenant.created", null, bytes("forged"));

            assertThatThrownBy(() -> channel.waitForConfirmsOrDie(5_000)).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void aServiceCannotReadAnotherServicesQueue() throws Exception {
        try (Connection identity = connect("identity"); Connection notification = connect("notification")) {
            declareLikeTheBinder(notification.createChannel());
            Channel channel = identity.createChannel();

            assertThatThrownBy(() -> channel.basicGet(NOTIFICATION_QUEUE, true)).hasStackTraceContaining("ACCESS_REFUSED");
            Channel another = identity.createChannel();
            assertThatThrownBy(() -> another.basicGet(NOTIFICATION_QUEUE + ".dlq", true))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void aServiceCannotDeclareQueuesForAnotherServiceNorTouchAnExchangeItDoesNotUse() throws Exception {
        try (Connection content = connect("content")) {
            Channel channel = content.createChannel();
            assertThatThrownBy(() -> channel.queueDeclare("cercle.identity.notification-service.stolen", true, false,
                    false, null)).hasStackTraceContaining("ACCESS_REFUSED");
            Channel another = content.createChannel();
            assertThatThrownBy(() -> another.exchangeDelete(IDENTITY_EXCHANGE)).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void deadLettersExpireAfterThePolicysTimeToLive() throws Exception {
        try (Connection notification = connect("notification")) {
            Channel channel = notification.createChannel();
            String queue = "cercle.identity.notification-service.expiring";
            channel.exchangeDeclare(BrokerAccount.DEAD_LETTER_EXCHANGE, "direct", true);
            channel.queueDeclare(queue + ".dlq", true, false, false, null);
            channel.queueBind(queue + ".dlq", BrokerAccount.DEAD_LETTER_EXCHANGE, queue);
            channel.confirmSelect();
            channel.basicPublish(BrokerAccount.DEAD_LETTER_EXCHANGE, queue, null, bytes("poison"));
            channel.waitForConfirmsOrDie(5_000);
            assertThat(channel.queueDeclarePassive(queue + ".dlq").getMessageCount()).isEqualTo(1);

            await().atMost(BOUND).until(() -> channel.queueDeclarePassive(queue + ".dlq").getMessageCount() == 0);
        }
    }

    @Test
    void settingUpAgainIsHarmlessAndTakesTheNewPasswords() throws Exception {
        List<BrokerAccount> again = BrokerAccount.forServices(List.of(ServiceSpec.CONTENT), "cercle-test-" + RUN + "-");

        assertThat(new BrokerSetup("localhost", 5672, 15672, VHOST, "guest", "guest")
                .apply(again, TTL)).isPresent();
        accounts = accounts.stream().map(a -> a.service().equals("content") ? again.getFirst() : a).toList();
        try (Connection content = connect("content")) {
            assertThat(content.isOpen()).isTrue();
        }
    }

    /** What the RabbitMQ binder declares for a consumer group with auto-bind-dlq and republish-to-dlq. */
    private static void declareLikeTheBinder(Channel channel) throws Exception {
        channel.exchangeDeclare(IDENTITY_EXCHANGE, "topic", true);
        channel.exchangeDeclare(BrokerAccount.DEAD_LETTER_EXCHANGE, "direct", true);
        channel.queueDeclare(NOTIFICATION_QUEUE + ".dlq", true, false, false, null);
        channel.queueBind(NOTIFICATION_QUEUE + ".dlq", BrokerAccount.DEAD_LETTER_EXCHANGE, NOTIFICATION_QUEUE);
        channel.queueDeclare(NOTIFICATION_QUEUE, true, false, false, Map.of(
                "x-dead-letter-exchange", BrokerAccount.DEAD_LETTER_EXCHANGE,
                "x-dead-letter-routing-key", NOTIFICATION_QUEUE));
        channel.queueBind(NOTIFICATION_QUEUE, IDENTITY_EXCHANGE, "identity.tenant.created");
    }

    private static Connection connect(String service) throws Exception {
        BrokerAccount account = accounts.stream().filter(a -> a.service().equals(service)).findFirst().orElseThrow();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setPort(5672);
        factory.setVirtualHost(VHOST);
        factory.setUsername(account.username());
        factory.setPassword(account.password());
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("broker-setup-test-" + service);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void rabbitmqctl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
