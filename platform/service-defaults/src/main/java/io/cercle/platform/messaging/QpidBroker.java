package io.cercle.platform.messaging;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Whether the broker is Qpid Broker-J (the embedded fallback of tests and the local run), read once from the
 * product the broker announces. Qpid nacks a mandatory message that no queue is bound for, where RabbitMQ returns
 * and acks it; on Qpid such a nack only means that nobody subscribes to that event yet (ADR 5).
 */
class QpidBroker implements BooleanSupplier {

    private final ConnectionFactory connections;
    private volatile Boolean qpid;

    QpidBroker(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public boolean getAsBoolean() {
        Boolean known = qpid;
        if (known == null) {
            try (var connection = connections.createConnection()) {
                Object product = connection.getDelegate().getServerProperties().get("product");
                known = product != null && product.toString().toLowerCase(Locale.ROOT).contains("qpid");
            }
            qpid = known;
        }
        return known;
    }
}
