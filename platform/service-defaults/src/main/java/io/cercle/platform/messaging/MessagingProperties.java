package io.cercle.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event backbone's settings ({@code cercle.messaging.*}).
 *
 * @param broker the AMQP broker the service talks to: {@code rabbitmq} in every deployment; {@code qpid} only where
 *               the test infrastructure or the local run fall back to the embedded Qpid Broker-J, and they say so
 *               themselves (ADR 5)
 */
@ConfigurationProperties("cercle.messaging")
public record MessagingProperties(@DefaultValue("rabbitmq") Broker broker) {

    public enum Broker {
        RABBITMQ,
        QPID;

        /**
         * Whether a publisher nack can mean "no queue is bound for it": Qpid nacks a mandatory message nobody
         * subscribes to yet, where RabbitMQ returns and acks it; on RabbitMQ a nack always means "not taken".
         */
        boolean nacksUnroutable() {
            return this == QPID;
        }
    }
}
