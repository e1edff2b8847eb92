package io.cercle.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import java.util.Locale;
import java.util.Optional;

/**
 * The AMQP broker every test in this JVM uses, chosen once: the RabbitMQ at localhost:5672 when it answers,
 * else Testcontainers' RabbitMQ when Docker is available, else Qpid Broker-J embedded in this JVM — so a machine
 * with only a JDK still runs every test against a real broker. {@code -Dcercle.test.broker=local|container|embedded}
 * forces one (and fails loudly if it cannot be had).
 */
public final class TestBroker {

    public static final String SELECTOR = "cercle.test.broker";
    static final String LOCAL_HOST = "localhost";
    static final int LOCAL_PORT = 5672;
    static final String RABBITMQ_IMAGE = "rabbitmq:4-management-alpine";
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(TestBroker.class);

    public enum Kind { LOCAL, CONTAINER, EMBEDDED }

    private final Kind kind;
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private TestBroker(Kind kind, String host, int port, String username, String password) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** The JVM-wide broker, chosen and started on first call. */
    public static TestBroker get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final TestBroker INSTANCE = choose();
    }

    private static TestBroker choose() {
        String forced = System.getProperty(SELECTOR, "").trim().toLowerCase(Locale.ROOT);
        TestBroker broker = switch (forced) {
            case "" -> firstAvailable();
            case "local" -> local().orElseThrow(() -> new IllegalStateException(
                    "-D" + SELECTOR + "=local but no RabbitMQ answers at " + LOCAL_HOST + ":" + LOCAL_PORT
                            + " with guest/guest (start it: rabbitmq-server -detached)"));
            case "container" -> container();
            case "embedded" -> embedded();
            default -> throw new IllegalArgumentException(
                    "-D" + SELECTOR + "=" + forced + " is not one of: local, container, embedded");
        };
        log.info("Cercle tests use RabbitMQ: {}", broker.describe());
        return broker;
    }

    private static TestBroker firstAvailable() {
        return local().orElseGet(() -> DockerClientFactory.instance().isDockerAvailable() ? container() : embedded());
    }

    private static Optional<TestBroker> local() {
        if (RabbitProbe.answers(LOCAL_HOST, LOCAL_PORT, "guest", "guest", PROBE_TIMEOUT_MILLIS)) {
            return Optional.of(new TestBroker(Kind.LOCAL, LOCAL_HOST, LOCAL_PORT, "guest", "guest"));
        }
        return Optional.empty();
    }

    private static TestBroker container() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-D" + SELECTOR + "=container needs a Docker engine, and none answers");
        }
        RabbitMQContainer container = new RabbitMQContainer(RABBITMQ_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "cercle-test-broker-stop"));
        return new TestBroker(Kind.CONTAINER, container.getHost(), container.getAmqpPort(),
                container.getAdminUsername(), container.getAdminPassword());
    }

    private static TestBroker embedded() {
        // No shutdown hook of ours: Qpid registers its own.
        EmbeddedQpidBroker broker = EmbeddedQpidBroker.start(0, "localhost");
        return new TestBroker(Kind.EMBEDDED, LOCAL_HOST, broker.port(),
                EmbeddedQpidBroker.USERNAME, EmbeddedQpidBroker.PASSWORD);
    }

    String describe() {
        return switch (kind) {
            case LOCAL -> "local RabbitMQ at " + host + ":" + port;
            case CONTAINER -> "Testcontainers " + RABBITMQ_IMAGE + " at " + host + ":" + port;
            case EMBEDDED -> "embedded Qpid Broker-J at " + host + ":" + port;
        };
    }

    public Kind kind() {
        return kind;
    }

    /**
     * What the services must be told the broker is ({@code cercle.messaging.broker}, env
     * {@code CERCLE_MESSAGING_BROKER}): {@code qpid} for the embedded fallback, whose publisher nacks a message no
     * queue is bound for; {@code rabbitmq} otherwise (ADR 5).
     */
    public String messagingBroker() {
        return kind == Kind.EMBEDDED ? "qpid" : "rabbitmq";
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }
}
