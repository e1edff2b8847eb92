package io.cercle.testsupport;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** Asks whether a RabbitMQ answers, with a real AMQP handshake and login rather than a bare TCP connect. */
public final class RabbitProbe {

    private RabbitProbe() {
    }

    public static boolean answers(String host, int port, String username, String password, int timeoutMillis) {
        return answers(host, port, "/", username, password, timeoutMillis);
    }

    /** The same, logging in to {@code virtualHost} (refused when the user has no permissions there). */
    public static boolean answers(String host, int port, String virtualHost, String username, String password,
                                  int timeoutMillis) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(virtualHost);
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout(timeoutMillis);
        factory.setHandshakeTimeout(timeoutMillis);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection ignored = factory.newConnection("cercle-probe")) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
