package io.cercle.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * The embedded MongoDB wire-protocol server (mongo-java-server, memory backend). Data lives as long as the JVM;
 * docs/architecture.md lists what it does not support ($text, multi-document transactions, TTL expiry).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port}; 0 picks a free one. Listens on all interfaces so child processes reach it. */
    public static EmbeddedMongo start(int port) {
        // The oplog makes change streams work, which services may use for read models.
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog();
        server.bind("0.0.0.0", port);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(server, address.getPort());
    }

    public int port() {
        return port;
    }

    /** {@code mongodb://localhost:<port>} without a database. */
    public String connectionString() {
        return "mongodb://localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
