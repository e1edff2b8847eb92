package io.cercle.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestBrokerTest {

    @Test
    void choosesABrokerThatAcceptsAnAmqpLogin() {
        TestBroker broker = TestBroker.get();

        assertThat(RabbitProbe.answers(broker.host(), broker.port(), broker.username(), broker.password(), 2_000))
                .as("AMQP login to %s", broker.describe())
                .isTrue();
    }

    /** What the services are told (cercle.messaging.broker) is what the broker says it is, asked over AMQP. */
    @Test
    void theServicesAreToldTheProductTheBrokerAnnounces() throws Exception {
        TestBroker broker = TestBroker.get();
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        try (var connection = factory.newConnection("test-broker-product")) {
            String product = String.valueOf(connection.getServerProperties().get("product")).toLowerCase(java.util.Locale.ROOT);

            assertThat(broker.messagingBroker()).as("broker announcing %s", product)
                    .isEqualTo(product.contains("qpid") ? "qpid" : "rabbitmq");
        }
    }

    @Test
    void prefersTheLocalRabbitMqWhenItAnswersAndNothingIsForced() {
        boolean localAnswers = RabbitProbe.answers("localhost", 5672, "guest", "guest", 1_000);
        String forced = System.getProperty(TestBroker.SELECTOR, "");

        if (forced.isEmpty() && localAnswers) {
            assertThat(TestBroker.get().kind()).isEqualTo(TestBroker.Kind.LOCAL);
        } else if (forced.isEmpty()) {
            // No Docker on the project's machines: the JVM must fall back to the embedded broker, not skip.
            assertThat(TestBroker.get().kind()).isIn(TestBroker.Kind.CONTAINER, TestBroker.Kind.EMBEDDED);
        } else {
            assertThat(TestBroker.get().kind().name()).isEqualToIgnoringCase(forced);
        }
    }
}
