package io.cercle.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a client under test and a real server (Keycloak, MongoDB, the broker…) that injects network
 * faults on request: added latency on the server's answers, a black hole (connections accepted, nothing passes),
 * or resets (open and new connections torn down with a TCP RST). It listens on a free loopback port; point the
 * client at {@link #port()} instead of the server's.
 *
 * <p>Faults apply at once, to open connections too. Plain blocking sockets on virtual threads: two per connection,
 * plus one that paces the answers, so that order is kept and latency is added once to each chunk rather than
 * accumulated.
 */
public final class TcpFaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpFaultProxy.class);
    private static final int CHUNK = 16 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private enum Mode { FORWARD, BLACK_HOLE, RESET }

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private TcpFaultProxy(String name, InetSocketAddress target, ServerSocket server) {
        this.name = name;
        this.target = target;
        this.server = server;
    }

    /** Starts forwarding a free loopback port to {@code targetHost:targetPort}, without faults. */
    public static TcpFaultProxy start(String name, String targetHost, int targetPort) {
        try {
            var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var proxy = new TcpFaultProxy(name, new InetSocketAddress(targetHost, targetPort), server);
            Thread.ofVirtual().name("fault-proxy-" + name + "-accept").start(proxy::acceptLoop);
            log.info("Fault proxy {} forwards 127.0.0.1:{} to {}", name, server.getLocalPort(), proxy.target);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open fault proxy " + name, e);
        }
    }

    /** Where clients connect (on the loopback interface). */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections clients have opened through this proxy so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Adds {@code latency} to every chunk the server sends back: it answers that much later. Zero removes it. */
    public TcpFaultProxy latency(Duration latency) {
        this.latencyNanos = latency.toNanos();
        log.info("Fault proxy {}: answers delayed by {} ms", name, latency.toMillis());
        return this;
    }

    /** Nothing passes any more, either way; connections stay open and new ones are accepted, as on a dead link. */
    public TcpFaultProxy blackHole() {
        mode = Mode.BLACK_HOLE;
        log.info("Fault proxy {}: black hole", name);
        return this;
    }

    /** Every open connection and every new one is reset (TCP RST), as by a crashed server or a firewall. */
    public TcpFaultProxy reset() {
        mode = Mode.RESET;
        log.info("Fault proxy {}: resetting {} open connections and every new one", name, connections.size());
        connections.forEach(Connection::reset);
        return this;
    }

    /**
     * Forwards again, without latency. Connections reset meanwhile stay closed; those opened during a black hole
     * never reach the server; older ones flow again, minus what the black hole swallowed.
     */
    public TcpFaultProxy heal() {
        mode = Mode.FORWARD;
        latencyNanos = 0;
        log.info("Fault proxy {}: healed", name);
        return this;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        connections.forEach(Connection::close);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Fault proxy {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().name("fault-proxy-" + name + "-open").start(() -> open(client));
        }
    }

    private void open(Socket client) {
        switch (mode) {
            case RESET -> resetQuietly(client);
            case BLACK_HOLE -> {
                // Never reaches the server; swallows what the client sends so that its writes do not block.
                var connection = new Connection(client, null);
                connections.add(connection);
                drain(connection);
            }
            case FORWARD -> {
                Socket server = new Socket();
                try {
                    server.connect(target, (int) CONNECT_TIMEOUT.toMillis());
                } catch (IOException e) {
                    log.debug("Fault proxy {}: {} refused the connection: {}", name, target, e.toString());
                    resetQuietly(client);
                    closeQuietly(server);
                    return;
                }
                var connection = new Connection(client, server);
                connections.add(connection);
                Thread.ofVirtual().name("fault-proxy-" + name + "-up").start(() -> forwardRequests(connection));
                BlockingQueue<Chunk> paced = new LinkedBlockingQueue<>();
                Thread.ofVirtual().name("fault-proxy-" + name + "-down").start(() -> readAnswers(connection, paced));
                Thread.ofVirtual().name("fault-proxy-" + name + "-pace").start(() -> writeAnswers(connection, paced));
            }
        }
    }

    /** Client to server, at once (or nowhere, in a black hole). */
    private void forwardRequests(Connection connection) {
        // Never close a socket's stream here: that closes the socket, while the other direction may still flow.
        try {
            InputStream in = connection.client.getInputStream();
            OutputStream out = connection.server.getOutputStream();
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (mode == Mode.FORWARD) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            connection.server.shutdownOutput();
            connection.halfClosed();
        } catch (IOException e) {
            connection.close();
        }
    }

    /** Server to client, through a queue: each chunk carries the time it may leave (arrival + latency). */
    private void readAnswers(Connection connection, BlockingQueue<Chunk> paced) {
        try {
            InputStream in = connection.server.getInputStream();
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                paced.add(new Chunk(System.nanoTime() + latencyNanos, Arrays.copyOf(buffer, read)));
            }
        } catch (IOException e) {
            // The connection is gone; the pacer ends the client side once what was read has left.
        }
        paced.add(new Chunk(System.nanoTime() + latencyNanos, Chunk.END));
    }

    private void writeAnswers(Connection connection, BlockingQueue<Chunk> paced) {
        try {
            OutputStream out = connection.client.getOutputStream();
            while (true) {
                Chunk chunk = paced.take();
                long wait = chunk.due() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (chunk.bytes() == Chunk.END) {
                    if (mode == Mode.FORWARD) {
                        connection.client.shutdownOutput();
                    }
                    // In a black hole, not even the server's FIN reaches the client.
                    connection.halfClosed();
                    return;
                }
                if (mode == Mode.FORWARD) {
                    out.write(chunk.bytes());
                    out.flush();
                }
            }
        } catch (IOException e) {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
        }
    }

    private void drain(Connection connection) {
        try (InputStream in = connection.client.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Closed by the client or by close().
        }
        connection.close();
    }

    /** Bytes from the server and the System.nanoTime() at which they may go on to the client. */
    private record Chunk(long due, byte[] bytes) {
        static final byte[] END = new byte[0];
    }

    private static void resetQuietly(Socket socket) {
        try {
            // Linger zero makes close() send RST instead of FIN.
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing more to release.
        }
    }

    /** One client connection and, unless it was black-holed on arrival, its connection to the server. */
    private final class Connection {

        final Socket client;
        final Socket server;
        private final AtomicInteger openDirections = new AtomicInteger(2);

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** One direction has ended cleanly (FIN passed on); once both have, the sockets are released. */
        void halfClosed() {
            if (openDirections.decrementAndGet() == 0) {
                close();
            }
        }

        void reset() {
            resetQuietly(client);
            if (server != null) {
                resetQuietly(server);
            }
            connections.remove(this);
        }

        void close() {
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
            connections.remove(this);
        }
    }
}
