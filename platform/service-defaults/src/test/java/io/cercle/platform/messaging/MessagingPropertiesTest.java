package io.cercle.platform.messaging;

import io.cercle.platform.messaging.MessagingProperties.Broker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which broker the backbone talks to is said, never guessed: RabbitMQ unless a test or the local run says Qpid. */
class MessagingPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MessagingProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theBrokerIsRabbitMqUnlessSaidOtherwiseAndOnlyQpidTakesANackForNoSubscriber() {
        contexts.run(context -> {
            Broker broker = context.getBean(MessagingProperties.class).broker();
            assertThat(broker).isEqualTo(Broker.RABBITMQ);
            assertThat(broker.nacksUnroutable()).isFalse();
        });
        contexts.withPropertyValues("cercle.messaging.broker=qpid").run(context -> {
            Broker broker = context.getBean(MessagingProperties.class).broker();
            assertThat(broker).isEqualTo(Broker.QPID);
            assertThat(broker.nacksUnroutable()).isTrue();
        });
    }

    @Test
    void anUnknownBrokerStopsTheStartNamingTheProperty() {
        contexts.withPropertyValues("cercle.messaging.broker=kafka").run(context -> {
            assertThat(context).hasFailed();
            // "Failed to bind properties under 'cercle.messaging.broker'", caused by the refused value.
            assertThat(context.getStartupFailure()).hasStackTraceContaining("under 'cercle.messaging.broker'")
                    .rootCause().hasMessageContaining("kafka");
        });
    }
}
