package io.cercle.testsupport;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpFaultProxyTest {

    private static final int CHUNKS = 20;

    private ServerSocket echo;
    private HttpServer http;
    private TcpFaultProxy echoProxy;
    private TcpFaultProxy httpProxy;

    @BeforeEach
    void startTwoServersBehindProxies() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::echoLoop);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/ping", exchange -> {
            byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, pong.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(pong);
            }
        });
        http.createContext("/chunks", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < CHUNKS; i++) {
                    out.write(("chunk " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        http.start();
        echoProxy = TcpFaultProxy.start("echo", "127.0.0.1", echo.getLocalPort());
        httpProxy = TcpFaultProxy.start("http", "127.0.0.1", http.getAddress().getPort());
    }

    @AfterEach
    void stopEverything() throws IOException {
        echoProxy.close();
        httpProxy.close();
        echo.close();
        http.stop(0);
    }

    @Test
    void everyByteGoesThroughBothWaysAndTheEndOfTheStreamToo() throws Exception {
        byte[] sent = new byte[1024 * 1024];
        new Random(42).nextBytes(sent);

        try (Socket socket = new Socket("127.0.0.1", echoProxy.port())) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(sent);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] received = socket.getInputStream().readAllBytes();
            writing.get();

            assertThat(received.length).isEqualTo(sent.length);
            assertThat(Arrays.equals(received, sent)).as("same bytes in the same order").isTrue();
        }
        assertThat(echoProxy.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void latencyDelaysTheAnswerOnceAndDoesNotAddUpOverItsChunks() throws Exception {
        Duration latency = Duration.ofMillis(300);
        httpProxy.latency(latency);

        long start = System.nanoTime();
        HttpResponse<String> ping = get("/ping", Duration.ofSeconds(10));
        Duration pingTook = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        HttpResponse<String> chunks = get("/chunks", Duration.ofSeconds(20));
        Duration chunksTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ping.body()).isEqualTo("pong");
        assertThat(pingTook).isGreaterThanOrEqualTo(latency);
        assertThat(chunks.body().lines()).hasSize(CHUNKS).endsWith("chunk " + (CHUNKS - 1));
        assertThat(chunksTook).isGreaterThanOrEqualTo(latency)
                .as("latency added per chunk would take %s", latency.multipliedBy(CHUNKS))
                .isLessThan(latency.multipliedBy(CHUNKS / 2));
    }

    @Test
    void aBlackHoleLetsNothingThroughUntilHealed() throws Exception {
        httpProxy.blackHole();

        assertThatThrownBy(() -> get("/ping", Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);

        httpProxy.heal();
        assertThat(get("/ping", Duration.ofSeconds(10)).body()).isEqualTo("pong");
    }

    @Test
    void resetTearsDownOpenAndNewConnectionsUntilHealed() throws Exception {
        try (Socket open = new Socket("127.0.0.1", echoProxy.port())) {
            assertThat(echoOnce(open, "hello")).isEqualTo("hello");

            echoProxy.reset();

            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        try (Socket fresh = new Socket("127.0.0.1", echoProxy.port())) {
            assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        echoProxy.heal();
        try (Socket healed = new Socket("127.0.0.1", echoProxy.port())) {
            assertThat(echoOnce(healed, "again")).isEqualTo("again");
        }
    }

    @Test
    void aServerThatRefusesConnectionsLooksRefusedThroughTheProxy() throws Exception {
        int nothingListens = Ports.free();
        try (TcpFaultProxy toNowhere = TcpFaultProxy.start("nowhere", "127.0.0.1", nothingListens);
             Socket socket = new Socket("127.0.0.1", toNowhere.port())) {
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path, Duration timeout) throws Exception {
        // A client per call: a pooled connection from before a fault would hide what a new caller sees.
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpProxy.port() + path))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String echoOnce(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        var received = new ByteArrayOutputStream();
        while (received.size() < bytes.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            received.write(b);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket connection = echo.accept();
                Thread.ofVirtual().start(() -> {
                    try (connection) {
                        connection.getInputStream().transferTo(connection.getOutputStream());
                        connection.shutdownOutput();
                    } catch (IOException e) {
                        // The proxy reset or closed it: that is what some tests do.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
