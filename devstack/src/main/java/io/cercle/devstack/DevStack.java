package io.cercle.devstack;

import io.cercle.testsupport.EmbeddedMongo;
import io.cercle.testsupport.EmbeddedQpidBroker;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.ManagedProcess;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.RabbitProbe;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole Cercle suite on one machine with only a JDK: an embedded MongoDB-protocol server, a broker (the local
 * RabbitMQ when it answers, else an embedded Qpid Broker-J), GreenMail with its REST API, Keycloak with the
 * "cercle" realm, and the six services as child processes. Everything starts at once and is awaited by readiness —
 * there is no start order to know. {@link #close()} stops all of it.
 */
public final class DevStack implements AutoCloseable {

    static final String REALM = "cercle";
    static final String CLIENT_ID = "cercle-web";
    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final DevStackOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // Not the common pool: on two cores it has one thread, and Keycloak's start would hold it for its whole
    // duration while every readiness check queued behind it.
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    // Closed in reverse order of start.
    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    private final Map<ServiceSpec, ManagedProcess> services = new LinkedHashMap<>();
    private int mongoPort;
    private String brokerDescription;
    // By module; empty when services connect as the broker's default user.
    private final Map<String, BrokerAccount> brokerAccounts = new LinkedHashMap<>();
    private int brokerPort;
    /** cercle.messaging.broker of every service: qpid when the devstack falls back to the embedded broker. */
    private String messagingBroker = "rabbitmq";
    private KeycloakServer keycloak;
    private Duration startupTime;
    /** "cercle" in a Keycloak of its own; a realm of its own in a running one, which other realms may share. */
    private final String realm;

    private DevStack(DevStackOptions options) {
        this.options = options;
        this.realm = options.runningKeycloak() == null ? REALM
                : REALM + "-devstack-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts everything and returns once every part is ready; on failure stops what it started and throws. */
    public static DevStack start(DevStackOptions options) {
        DevStack stack = new DevStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        checkBeforeStarting();
        Path logs = createDirectories(options.runDirectory().resolve("logs"));
        log.info("Starting the Cercle devstack; logs go to {}", logs);

        startMongo();
        startBroker();
        ManagedProcess mail = startGreenMail(logs);
        // Keycloak is the slowest part; the services do not need it to start (their issuer is contacted lazily).
        CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(this::startKeycloak, executor);
        keycloakStart.thenAccept(resources::add);
        for (ServiceSpec service : options.services()) {
            services.put(service, startService(service, logs));
        }

        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        readiness.add(CompletableFuture.runAsync(() -> awaitHttpOk(mail, mailApiUrl() + "/api/service/readiness"),
                executor));
        services.forEach((service, process) -> readiness.add(CompletableFuture.runAsync(() ->
                awaitHttpOk(process, service.managementUrl() + "/actuator/health/readiness"), executor)));
        readiness.add(keycloakStart.thenAccept(server -> keycloak = server));
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // Keycloak may still be starting: wait for it so that close() can stop it too.
            keycloakStart.exceptionally(ignored -> null).join();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * A Keycloak of its own with the demo realm, or the demo realm imported as a realm of its own into the running
     * Keycloak given, and deleted from it on close.
     */
    private KeycloakServer startKeycloak() {
        KeycloakServer running = options.runningKeycloak();
        if (running == null) {
            return KeycloakServer.builder()
                    .distribution(BuildInfo.keycloakDistribution())
                    .port(options.keycloakPort())
                    .adminPassword(options.keycloakAdminPassword())
                    .realmJsonResource(DevStack.class, "cercle-devstack-realm.json", REALM)
                    .runDirectory(options.runDirectory().resolve("keycloak"))
                    .startTimeout(options.readinessTimeout())
                    .start();
        }
        KeycloakServer demo = running.importRealmCopy(Objects.requireNonNull(
                DevStack.class.getResourceAsStream("cercle-devstack-realm.json"), "cercle-devstack-realm.json"), realm);
        log.info("Keycloak: the running one at {}, demo realm '{}'", running.baseUrl(), realm);
        resources.add(() -> running.deleteRealm(realm));
        return demo;
    }

    private void checkBeforeStarting() {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> fixedPorts = new LinkedHashMap<>();
        if (options.runningKeycloak() == null) {
            fixedPorts.put(options.keycloakPort(), "Keycloak");
        }
        fixedPorts.put(options.smtpPort(), "SMTP (GreenMail)");
        fixedPorts.put(options.mailApiPort(), "GreenMail REST API");
        options.services().forEach(service -> {
            fixedPorts.put(service.port(), service.module());
            fixedPorts.put(service.managementPort(), service.module() + (service.hasOwnManagementPort() ? " management" : ""));
        });
        fixedPorts.forEach((port, user) -> {
            if (!Ports.isFree(port)) {
                problems.add("port " + port + " (" + user + ") is in use — is another devstack running?");
            }
        });
        for (ServiceSpec service : options.services()) {
            Path jar = options.repoRoot().resolve(service.execJar(BuildInfo.version()));
            if (!Files.isRegularFile(jar)) {
                problems.add(jar + " is missing — build it first: ./mvnw -B install -DskipTests");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The devstack cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    private void startMongo() {
        mongoPort = options.mongoPort();
        if (!Ports.isFree(mongoPort)) {
            // Something else (often a real mongod) owns the default port: take another and pass it on.
            mongoPort = Ports.free();
            log.warn("Port {} is taken; the embedded MongoDB listens on {} instead", options.mongoPort(), mongoPort);
        }
        resources.add(EmbeddedMongo.start(mongoPort));
        log.info("MongoDB: embedded mongo-java-server at mongodb://localhost:{}", mongoPort);
    }

    private void startBroker() {
        // -Dcercle.devstack.broker=embedded skips the local RabbitMQ, e.g. to try the JDK-only path.
        boolean embeddedOnly = "embedded".equals(System.getProperty("cercle.devstack.broker"));
        if (!embeddedOnly && RabbitProbe.answers("localhost", options.brokerPort(), "guest", "guest", 1_000)) {
            brokerPort = options.brokerPort();
            brokerDescription = "local RabbitMQ at localhost:" + brokerPort;
            log.info("RabbitMQ: {}", brokerDescription);
            setUpBrokerAccounts();
        } else {
            brokerPort = Ports.isFree(options.brokerPort()) ? options.brokerPort() : Ports.free();
            resources.add(EmbeddedQpidBroker.start(brokerPort, "*"));
            brokerDescription = "embedded Qpid Broker-J at localhost:" + brokerPort;
            messagingBroker = "qpid";
            // Qpid's ACLs do not speak RabbitMQ's configure/write/read regexes, and its queues live in memory
            // (gone at stop): every service keeps the one user and dead letters need no expiry.
            log.info("RabbitMQ: {}; every service connects as its one user", brokerDescription);
        }
    }

    /**
     * Like a cluster (docs/operations.md): each service as its own user, allowed only its exchange and queues, and
     * dead letters kept for a bounded time. Never fails the run: without a way to do it, services use guest.
     */
    private void setUpBrokerAccounts() {
        List<BrokerAccount> accounts = BrokerAccount.forServices(options.services(), "cercle-");
        if (accounts.isEmpty()) {
            return;
        }
        int managementPort = Integer.getInteger("cercle.devstack.rabbitmq-management-port", 15672);
        Duration deadLetterTtl = deadLetterTtl();
        try {
            new BrokerSetup("localhost", brokerPort, managementPort, "/", "guest", "guest")
                    .apply(accounts, deadLetterTtl)
                    .ifPresent(how -> accounts.forEach(account -> brokerAccounts.put(account.module(), account)));
        } catch (RuntimeException e) {
            log.warn("RabbitMQ: the per-service users could not be set up ({}); the services connect as guest",
                    e.toString());
        }
    }

    /** -Dcercle.devstack.dead-letter-ttl=P2D (ISO-8601) keeps dead letters for another time than 14 days. */
    private static Duration deadLetterTtl() {
        String value = System.getProperty("cercle.devstack.dead-letter-ttl");
        if (value == null || value.isBlank()) {
            return BrokerSetup.DEFAULT_DEAD_LETTER_TTL;
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            log.warn("cercle.devstack.dead-letter-ttl={} is not an ISO-8601 duration such as P14D; keeping {}", value,
                    BrokerSetup.DEFAULT_DEAD_LETTER_TTL);
            return BrokerSetup.DEFAULT_DEAD_LETTER_TTL;
        }
    }

    private ManagedProcess startGreenMail(Path logs) {
        List<String> command = List.of(java(),
                "-Dgreenmail.smtp.port=" + options.smtpPort(),
                "-Dgreenmail.hostname=0.0.0.0",
                "-Dgreenmail.auth.disabled",
                "-Dgreenmail.api.port=" + options.mailApiPort(),
                "-Dgreenmail.api.hostname=0.0.0.0",
                "-jar", BuildInfo.greenMailStandalone().toString());
        ManagedProcess process = ManagedProcess.start("greenmail", command, Map.of(), options.runDirectory(),
                logs.resolve("greenmail.log"));
        resources.add(process);
        return process;
    }

    private ManagedProcess startService(ServiceSpec service, Path logs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(service.port()));
        if (service.hasOwnManagementPort()) {
            env.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        }
        env.put("MONGODB_URI", "mongodb://localhost:" + mongoPort + "/" + service.database());
        env.put("RABBITMQ_HOST", "localhost");
        env.put("RABBITMQ_PORT", String.valueOf(brokerPort));
        BrokerAccount account = brokerAccounts.get(service.module());
        env.put("RABBITMQ_USERNAME", account == null ? "guest" : account.username());
        env.put("RABBITMQ_PASSWORD", account == null ? "guest" : account.password());
        // Qpid nacks an event nobody subscribes to yet, where RabbitMQ acks it: the services must know (ADR 5).
        env.put("CERCLE_MESSAGING_BROKER", messagingBroker);
        env.put("KEYCLOAK_ISSUER_URI", issuerUri());
        // Keycloak and the services share this machine's clock: no need for the 60 s of drift a cluster allows.
        env.put("CERCLE_SECURITY_CLOCK_SKEW", "5s");
        // The demo client of 5-second tokens is welcome here, never in a cluster.
        env.put("KEYCLOAK_ALLOWED_CLIENTS", "cercle-web,cercle-short-lived");
        if (service.equals(ServiceSpec.IDENTITY)) {
            // identity-service drives Keycloak through its Admin API (organizations, users, roles).
            env.put("KEYCLOAK_URL", keycloakUrl());
            env.put("KEYCLOAK_REALM", realm);
            env.put("KEYCLOAK_ADMIN_USERNAME", keycloakAdminUsername());
            env.put("KEYCLOAK_ADMIN_PASSWORD", keycloakAdminPassword());
            // The demo organization is in the imported realm; identity takes it on as a tenant, with its members.
            env.put("ADOPT_ORGANIZATIONS", DemoUser.TENANT);
        }
        if (service.equals(ServiceSpec.NOTIFICATION)) {
            env.put("SMTP_HOST", "localhost");
            env.put("SMTP_PORT", String.valueOf(options.smtpPort()));
        }
        if (service.equals(ServiceSpec.GATEWAY)) {
            env.put("IDENTITY_URI", ServiceSpec.IDENTITY.baseUrl());
            env.put("COMMUNITY_URI", ServiceSpec.COMMUNITY.baseUrl());
            env.put("CONTENT_URI", ServiceSpec.CONTENT.baseUrl());
            env.put("GAMIFICATION_URI", ServiceSpec.GAMIFICATION.baseUrl());
            env.put("NOTIFICATION_URI", ServiceSpec.NOTIFICATION.baseUrl());
        }
        List<String> command = List.of(java(),
                // Seven JVMs share the machine: fast start-up and small footprints over peak throughput.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx512m",
                "-jar", options.repoRoot().resolve(service.execJar(BuildInfo.version())).toString());
        ManagedProcess process = ManagedProcess.start(service.module(), command, env, options.repoRoot(),
                logs.resolve(service.module() + ".log"));
        resources.add(process);
        return process;
    }

    /** Waits until {@code url} answers 200 (and, for health, UP); fails at once if the process dies. */
    private void awaitHttpOk(ManagedProcess process, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            Awaitility.await(process.name() + " ready at " + url)
                    .atMost(options.readinessTimeout())
                    .pollInterval(POLL)
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(process.name() + " exited; last lines of "
                                    + process.logFile() + ":\n" + process.logTail(30));
                        }
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200
                                && (!url.contains("/actuator/health") || response.body().contains("\"UP\""));
                    });
            log.info("{} is ready", process.name());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(process.name() + " was not ready at " + url + " within "
                    + options.readinessTimeout() + "; last lines of " + process.logFile() + ":\n"
                    + process.logTail(30), e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String gatewayUrl() {
        return ServiceSpec.GATEWAY.baseUrl();
    }

    public String issuerUri() {
        return keycloakUrl() + "/realms/" + realm;
    }

    /** The demo realm: "cercle", or a name of its own in a running Keycloak shared with others. */
    public String realm() {
        return realm;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String keycloakUrl() {
        KeycloakServer running = options.runningKeycloak();
        return running != null ? running.baseUrl() : "http://localhost:" + options.keycloakPort();
    }

    public String keycloakAdminUsername() {
        KeycloakServer running = options.runningKeycloak();
        return running != null ? running.adminUsername() : "admin";
    }

    public String keycloakAdminPassword() {
        KeycloakServer running = options.runningKeycloak();
        return running != null ? running.adminPassword() : options.keycloakAdminPassword();
    }

    public String mailApiUrl() {
        return "http://localhost:" + options.mailApiPort();
    }

    public int smtpPort() {
        return options.smtpPort();
    }

    public String mongoConnectionString() {
        return "mongodb://localhost:" + mongoPort;
    }

    public String brokerDescription() {
        return brokerDescription;
    }

    /** The RabbitMQ user each service connects as (module → user name); empty when all use the default user. */
    public Map<String, String> brokerUsers() {
        Map<String, String> users = new LinkedHashMap<>();
        brokerAccounts.forEach((module, account) -> users.put(module, account.username()));
        return users;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public List<ServiceSpec> services() {
        return List.copyOf(services.keySet());
    }

    public Path logDirectory() {
        return options.runDirectory().resolve("logs");
    }

    /** From {@link #start} to everything ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A real access token for a demo user (password grant, client cercle-web). */
    public String accessToken(DemoUser user) {
        return keycloak.accessToken(user.username(), user.password(), CLIENT_ID);
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        Collections.reverse(toClose);
        // Processes stop in parallel: each may take seconds to shut down gracefully.
        CompletableFuture.allOf(toClose.stream().map(resource -> CompletableFuture.runAsync(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", resource, e.toString());
            }
        }, executor)).toArray(CompletableFuture[]::new)).join();
    }
}
