package io.cercle.devstack;

import io.cercle.testsupport.RabbitProbe;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives a local RabbitMQ what a cluster's has (docs/operations.md): one user per service with only its permissions
 * ({@link BrokerAccount}), and the policy that bounds how long dead letters are kept. Both go in one definitions
 * document, the format of the chart's trial RabbitMQ: imported through the management HTTP API when the plugin
 * answers, else with {@code rabbitmqctl import_definitions} when this user may run it. Importing merges and
 * overwrites, so it is idempotent. When neither way works, the local run goes on with the broker's default user.
 */
public final class BrokerSetup {

    /** The policy keeping Cercle's dead-letter queues bounded (a policy, not a queue argument: see below). */
    public static final String DEAD_LETTER_POLICY = "cercle-dead-letters";
    /** Cercle's dead-letter queues only: the broker may serve other applications. */
    public static final String DEAD_LETTER_QUEUES = "^cercle\\..+\\.dlq$";
    public static final Duration DEFAULT_DEAD_LETTER_TTL = Duration.ofDays(14);

    private static final Logger log = LoggerFactory.getLogger(BrokerSetup.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int amqpPort;
    private final int managementPort;
    private final String vhost;
    private final String adminUsername;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public BrokerSetup(String host, int amqpPort, int managementPort, String vhost, String adminUsername,
                       String adminPassword) {
        this.host = host;
        this.amqpPort = amqpPort;
        this.managementPort = managementPort;
        this.vhost = vhost;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /**
     * Creates or updates the users, their permissions on the virtual host and the dead-letter policy, then waits
     * until every user can log in. Returns how it was done, or empty when it could not be (already logged).
     */
    public Optional<String> apply(List<BrokerAccount> accounts, Duration deadLetterTtl) {
        String definitions = definitions(accounts, deadLetterTtl);
        Optional<String> how = importThroughManagementApi(definitions).or(() -> importWithRabbitmqctl(definitions));
        if (how.isEmpty()) {
            log.warn("RabbitMQ: neither the management API (port {}) nor rabbitmqctl could create the per-service users;"
                    + " the services fall back to the broker's default user and dead letters are kept until read",
                    managementPort);
            return how;
        }
        try {
            // rabbitmqctl's import finishes asynchronously: the users exist once they can log in.
            Awaitility.await("the per-service RabbitMQ users can log in").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> accounts.stream().allMatch(account -> RabbitProbe.answers(host, amqpPort, vhost,
                            account.username(), account.password(), 1_000)));
        } catch (ConditionTimeoutException e) {
            log.warn("RabbitMQ: the per-service users imported {} cannot log in; the services fall back to the broker's"
                    + " default user", how.get());
            return Optional.empty();
        }
        log.info("RabbitMQ: {} per-service users and the policy {} (dead letters kept {}) set {}", accounts.size(),
                DEAD_LETTER_POLICY, deadLetterTtl.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                how.get());
        return how;
    }

    /** The definitions document (RabbitMQ's import format): the virtual host, users, permissions and the policy. */
    String definitions(List<BrokerAccount> accounts, Duration deadLetterTtl) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("vhosts", List.of(Map.of("name", vhost)));
        document.put("users", accounts.stream().map(account -> Map.of(
                "name", account.username(), "password", account.password(), "tags", "")).toList());
        document.put("permissions", accounts.stream().map(account -> Map.of(
                "user", account.username(), "vhost", vhost, "configure", account.configure(),
                "write", account.write(), "read", account.read())).toList());
        // A policy rather than an x-message-ttl queue argument: RabbitMQ refuses to redeclare an existing queue with
        // other arguments (406 PRECONDITION_FAILED), and brokers already hold dead-letter queues declared without it.
        document.put("policies", List.of(Map.of(
                "vhost", vhost, "name", DEAD_LETTER_POLICY, "pattern", DEAD_LETTER_QUEUES, "apply-to", "queues",
                "priority", 0, "definition", Map.of("message-ttl", deadLetterTtl.toMillis()))));
        return JSON.writeValueAsString(document);
    }

    private Optional<String> importThroughManagementApi(String definitions) {
        String base = "http://" + host + ":" + managementPort + "/api";
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (adminUsername + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<Void> overview = http.send(HttpRequest.newBuilder(URI.create(base + "/overview"))
                    .timeout(Duration.ofSeconds(3)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (overview.statusCode() != 200) {
                log.info("RabbitMQ management API at {} answered {} to {}", base, overview.statusCode(), adminUsername);
                return Optional.empty();
            }
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/definitions"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(definitions)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (imported.statusCode() / 100 != 2) {
                log.warn("RabbitMQ management API refused the definitions: {} {}", imported.statusCode(),
                        imported.body());
                return Optional.empty();
            }
            return Optional.of("through the management API at " + base);
        } catch (IOException e) {
            log.debug("No RabbitMQ management API at {}: {}", base, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<String> importWithRabbitmqctl(String definitions) {
        try {
            // On standard input: the document holds passwords, and the broker (another OS user) reads a file path
            // itself, so a private temporary file would not do.
            Process process = new ProcessBuilder("rabbitmqctl", "import_definitions").redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(definitions.getBytes(StandardCharsets.UTF_8));
            }
            boolean finished = process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                log.info("rabbitmqctl import_definitions did not finish within {}", COMMAND_TIMEOUT);
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                log.info("rabbitmqctl import_definitions failed ({}): {}", process.exitValue(), output);
                return Optional.empty();
            }
            return Optional.of("with rabbitmqctl import_definitions");
        } catch (IOException e) {
            log.debug("rabbitmqctl is not available: {}", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
