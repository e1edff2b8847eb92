package io.cercle.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names tests give exchanges and queues on the broker, prefixed per checkout of the repository: two builds run
 * at the same time from two clones (a helper's work tree and a CI clone, say) on one machine's RabbitMQ would
 * otherwise share {@code cercle.identity.notification-service.…} queues, and each would consume the other's events.
 * The prefix is the same for every test JVM of one checkout, so a queue left by an earlier run of that checkout is
 * reused rather than piling up, and another checkout never sees it.
 *
 * <p>Services under test get it through Spring Cloud Stream's binder {@code prefix} ({@link #springProperties()},
 * added by the test infrastructure); test code that talks AMQP itself names things with {@link #exchange(String)}
 * and {@link #queue(String)}. Production runs set no prefix.
 */
public final class TestBusNames {

    private static final String PREFIX = "cercle-test-" + checkoutHash() + ".";

    private TestBusNames() {
    }

    /** E.g. {@code cercle-test-1a2b3c4d.}: what every exchange and queue name of this checkout's tests starts with. */
    public static String prefix() {
        return PREFIX;
    }

    /** The exchange the services under test use for {@code destination}, e.g. {@code cercle.identity}. */
    public static String exchange(String destination) {
        return PREFIX + destination;
    }

    /** The queue the services under test use for {@code destination.group}, e.g. {@code cercle.identity.notification-service.x}. */
    public static String queue(String queue) {
        return PREFIX + queue;
    }

    /** The binder settings that put the prefix on every exchange, queue and dead-letter queue a service declares. */
    public static Map<String, String> springProperties() {
        return Map.of("spring.cloud.stream.rabbit.default.producer.prefix", PREFIX,
                "spring.cloud.stream.rabbit.default.consumer.prefix", PREFIX);
    }

    /** The same as environment variables, for a service started as a process. */
    public static Map<String, String> environment() {
        return springProperties().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                property -> property.getKey().replace('.', '_').toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    private static String checkoutHash() {
        Path checkout = checkoutRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(checkout.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The nearest directory upwards holding the Maven wrapper (the repository's root); else where the JVM runs. */
    static Path checkoutRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }
}
