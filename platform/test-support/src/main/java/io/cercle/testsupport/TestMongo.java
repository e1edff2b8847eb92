package io.cercle.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import java.util.Locale;

/**
 * The MongoDB every test in this JVM uses: the embedded wire-protocol server by default, a real MongoDB in a
 * container with {@code -Dcercle.test.mongo=container}. Started on first use, stopped with the JVM.
 */
public final class TestMongo {

    /** System property choosing the MongoDB: {@code embedded} (default) or {@code container}. */
    public static final String SELECTOR = "cercle.test.mongo";
    static final String MONGO_IMAGE = "mongo:8.0";

    private static final Logger log = LoggerFactory.getLogger(TestMongo.class);

    public enum Kind { EMBEDDED, CONTAINER }

    private final Kind kind;
    private final String connectionString;

    private TestMongo(Kind kind, String connectionString) {
        this.kind = kind;
        this.connectionString = connectionString;
    }

    /** The JVM-wide instance, started on first call. */
    public static TestMongo get() {
        return Holder.INSTANCE;
    }

    // Holder idiom: thread-safe lazy start without locking on every call.
    private static final class Holder {
        static final TestMongo INSTANCE = start();
    }

    private static TestMongo start() {
        String requested = System.getProperty(SELECTOR, "embedded").trim().toLowerCase(Locale.ROOT);
        TestMongo mongo = switch (requested) {
            case "embedded" -> startEmbedded();
            case "container" -> startContainer();
            default -> throw new IllegalArgumentException(
                    "-D" + SELECTOR + "=" + requested + " is not one of: embedded, container");
        };
        log.info("Cercle tests use MongoDB: {} at {}", mongo.kind == Kind.EMBEDDED
                ? "embedded mongo-java-server (memory backend)" : "Testcontainers " + MONGO_IMAGE,
                mongo.connectionString);
        return mongo;
    }

    private static TestMongo startEmbedded() {
        EmbeddedMongo server = EmbeddedMongo.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cercle-test-mongo-stop"));
        return new TestMongo(Kind.EMBEDDED, server.connectionString());
    }

    private static TestMongo startContainer() {
        // Asked for explicitly, so no fallback: a silent switch to the embedded server would hide the request.
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-D" + SELECTOR + "=container needs a Docker engine, and none answers");
        }
        MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "cercle-test-mongo-stop"));
        // The container's URL ends with "/test"; callers add their own database.
        String url = container.getConnectionString();
        return new TestMongo(Kind.CONTAINER, url.replaceAll("/[^/]*$", ""));
    }

    public Kind kind() {
        return kind;
    }

    /** {@code mongodb://host:port} without a database. */
    public String connectionString() {
        return connectionString;
    }

    /** The connection string with {@code database} appended. */
    public String uri(String database) {
        return connectionString + "/" + database;
    }
}
