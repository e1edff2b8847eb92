package io.cercle.testsupport;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache Qpid Broker-J in this JVM: an AMQP 0-9-1 broker with an in-memory store, which the RabbitMQ client and
 * the Spring Cloud Stream RabbitMQ binder use unchanged. The broker of last resort, for machines with neither a
 * RabbitMQ nor Docker. Known limit (docs/architecture.md, what the infrastructure can and cannot do): broker-side dead-lettering does not happen; republish-to-dlq works.
 */
public final class EmbeddedQpidBroker implements AutoCloseable {

    public static final String USERNAME = "guest";
    public static final String PASSWORD = "guest";

    private final SystemLauncher launcher;
    private final int port;
    private final Path workDir;

    private EmbeddedQpidBroker(SystemLauncher launcher, int port, Path workDir) {
        this.launcher = launcher;
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts on {@code port} (0 picks a free one). {@code bindAddress} "*" listens on all interfaces,
     * "localhost" keeps it private to this machine.
     */
    public static EmbeddedQpidBroker start(int port, String bindAddress) {
        int amqpPort = port == 0 ? Ports.free() : port;
        try {
            Path workDir = Files.createTempDirectory("cercle-qpid-");
            Path initialConfig = copyResource("qpid/initial-config.json", workDir.resolve("initial-config.json"));
            // Inside a fat jar Qpid cannot read its default system-properties file; an empty one is enough.
            Path systemProperties = Files.createFile(workDir.resolve("system.properties"));

            Map<String, Object> context = new HashMap<>();
            context.put("qpid.amqp_port", String.valueOf(amqpPort));
            context.put("qpid.work_dir", workDir.toString());
            context.put("cercle.broker.bind", bindAddress);
            context.put("cercle.broker.username", USERNAME);
            context.put("cercle.broker.password", PASSWORD);
            // RabbitMQ's x-dead-letter-* and other x- arguments are unknown to Qpid: log them instead of
            // refusing the declaration with 542, so the RabbitMQ binder's DLQ set-up passes.
            context.put("queue.behaviourOnUnknownDeclareArgument", "LOG");

            Map<String, Object> attributes = new HashMap<>();
            attributes.put(SystemConfig.TYPE, "Memory");
            attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
            attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            attributes.put(SystemConfig.QPID_WORK_DIR, workDir.toString());
            attributes.put("context", context);

            SystemLauncher launcher = new SystemLauncher();
            launcher.startup(attributes);
            return new EmbeddedQpidBroker(launcher, amqpPort, workDir);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Qpid Broker-J did not start on port " + amqpPort, e);
        }
    }

    private static Path copyResource(String name, Path target) throws IOException {
        try (InputStream in = EmbeddedQpidBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + EmbeddedQpidBroker.class);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    public int port() {
        return port;
    }

    /** Qpid also stops itself from its own JVM shutdown hook; closing after that is a no-op. */
    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (IllegalStateException alreadyStoppedByQpidsShutdownHook) {
            // Nothing left to stop.
        }
        try {
            FileTrees.delete(workDir);
        } catch (UncheckedIOException ignored) {
            // A leftover temp directory is not worth failing a shutdown for.
        }
    }
}
