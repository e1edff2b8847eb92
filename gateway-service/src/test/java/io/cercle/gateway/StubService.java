package io.cercle.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for a Cercle service behind the gateway: it records what reaches it and either
 * answers at once or never answers (a hung service). An answering one misbehaves for the requests that ask it to,
 * by header, so that one tenant's calls can fail while another's succeed on the same route:
 * {@value #DELAY} (milliseconds before answering), {@value #DROP} (the connection is closed without an answer),
 * {@value #HOLD} (no answer until {@link #releaseHeld()}).
 */
public final class StubService implements AutoCloseable {

    /** What the service received, headers keyed case-insensitively. */
    public record Received(String method, String path, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    public static final String DELAY = "X-Stub-Delay-Ms";
    public static final String DROP = "X-Stub-Drop";
    public static final String HOLD = "X-Stub-Hold";

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(1);

    private StubService(boolean answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(exchange, answers));
        server.start();
    }

    public static StubService answering() {
        return new StubService(true);
    }

    public static StubService neverAnswering() {
        return new StubService(false);
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request the service received, waiting up to 5 s for it. */
    public Received nextRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("The stub service received no request within 5 s");
        }
        return request;
    }

    /** Requests received so far and not yet taken. */
    public int pending() {
        return received.size();
    }

    public void forget() {
        received.clear();
    }

    /** Lets every request held by {@value #HOLD} be answered; later ones are held again. */
    public void releaseHeld() {
        CountDownLatch releasing = held;
        held = new CountDownLatch(1);
        releasing.countDown();
    }

    private void handle(HttpExchange exchange, boolean answers) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers));
            if (!answers) {
                released.await(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (headers.containsKey(DROP)) {
                return; // closed without response headers: the gateway sees the connection end prematurely
            }
            if (headers.containsKey(HOLD)) {
                held.await(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
            }
            if (headers.containsKey(DELAY)) {
                // A slow service: it answers, but late (the latch is never counted down before close()).
                released.await(Long.parseLong(headers.get(DELAY).getFirst()), TimeUnit.MILLISECONDS);
            }
            byte[] body = exchange.getRequestURI().getPath().equals("/v3/api-docs")
                    ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stub\"}}".getBytes(StandardCharsets.UTF_8)
                    : "{\"answeredBy\":\"stub\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        held.countDown();
        server.stop(0);
    }
}
