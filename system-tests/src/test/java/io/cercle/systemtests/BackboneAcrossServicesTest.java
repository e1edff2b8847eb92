package io.cercle.systemtests;

import io.cercle.testsupport.TestBusNames;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.cercle.testsupport.ManagedProcess;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestBroker;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestMongo;
import io.cercle.testsupport.TestUser;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event backbone across two real services, each its own process as in production: identity-service records
 * {@code identity.tenant.created} in the tenant's document and relays it; notification-service applies it to its
 * tenant directory. Real Keycloak tokens, the real broker, the MongoDB-protocol server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackboneAcrossServicesTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String EXCHANGE = TestBusNames.exchange("cercle.identity");
    private static final String ROUTING_KEY = "identity.tenant.created";
    private static final String QUEUE = TestBusNames.queue("cercle.identity.notification-service.tenant-directory");
    private static final String FLAKY_TENANT = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<ManagedProcess> processes = new ArrayList<>();
    private static ManagedProcess identity;
    private static int identityPort;
    private static int notificationPort;
    private static MongoClient mongo;
    private static Connection amqp;
    private static String platformAdminToken;

    @BeforeAll
    static void startTwoServices() throws Exception {
        mongo = MongoClients.create(TestMongo.get().connectionString());
        var broker = TestBroker.get();
        var factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        amqp = factory.newConnection("backbone-test");
        purgeLeftoversOfEarlierRuns();

        identityPort = Ports.free();
        notificationPort = Ports.free();
        identity = start("identity-service", identityPort, Map.of());
        // The first delivery of the flaky tenant's event fails on purpose: test-support's FailFirstDelivery, put into
        // the notification-service jar's context (production code has no such hook).
        processes.add(ServiceJars.startWithFailFirstDelivery("notification-service", environment("notification-service",
                notificationPort), "system-tests/target/backbone-logs/notification-service-" + System.nanoTime() + ".log",
                FLAKY_TENANT));
        platformAdminToken = TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN);
        awaitReady(identityPort);
        awaitReady(notificationPort);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        processes.forEach(ManagedProcess::close);
        if (amqp != null) {
            amqp.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    @Order(1)
    void aTenantCreatedInIdentityIsAppliedOnceByNotification() throws Exception {
        String alias = newAlias();

        assertThat(createTenant(alias).statusCode()).isEqualTo(201);

        await().atMost(BOUND).until(() -> tenantProfile(alias) != null);
        assertThat(tenantProfile(alias).getString("name")).isEqualTo("Tenant " + alias);
        await().atMost(BOUND).until(() -> processedRecords(alias) == 1);
        await().atMost(BOUND).until(() -> pendingEventsInIdentity(alias) == 0);
    }

    @Test
    @Order(2)
    void theSameMessageDeliveredTwiceIsAppliedOnce() throws Exception {
        String alias = newAlias();
        // Capture the message identity publishes, as the broker delivers it, then deliver it a second time.
        try (Channel channel = amqp.createChannel()) {
            String tap = channel.queueDeclare().getQueue();
            channel.queueBind(tap, EXCHANGE, ROUTING_KEY);
            createTenant(alias);
            GetResponse original = await().atMost(BOUND).until(() -> firstMessageAbout(channel, tap, alias),
                    response -> response != null);
            await().atMost(BOUND).until(() -> processedRecords(alias) == 1);
            double duplicatesBefore = metric(notificationPort, "cercle_events_duplicates_total");

            channel.basicPublish(EXCHANGE, ROUTING_KEY, original.getProps(), original.getBody());

            await().atMost(BOUND).until(() -> metric(notificationPort, "cercle_events_duplicates_total")
                    >= duplicatesBefore + 1);
        }
        assertThat(processedRecords(alias)).isEqualTo(1);
        assertThat(mongo.getDatabase("cercle-notification").getCollection("tenants")
                .countDocuments(Filters.eq("_id", alias))).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anEventWhoseFirstDeliveryFailsIsRetriedAndAppliedOnce() throws Exception {
        double failuresBefore = metric(notificationPort, "cercle_events_failures_total");

        createTenant(FLAKY_TENANT);

        await().atMost(BOUND).until(() -> processedRecords(FLAKY_TENANT) == 1);
        assertThat(tenantProfile(FLAKY_TENANT)).isNotNull();
        assertThat(metric(notificationPort, "cercle_events_failures_total")).isEqualTo(failuresBefore + 1);
        try (Channel channel = amqp.createChannel()) {
            assertThat(channel.messageCount(QUEUE + ".dlq")).isZero();
        }
    }

    @Test
    @Order(4)
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueueWhileLaterMessagesFlow() throws Exception {
        double deadLetteredBefore = metric(notificationPort, "cercle_events_dead_lettered_total");
        try (Channel channel = amqp.createChannel()) {
            var properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
            // Straight into notification's queue (default exchange): other consumers of the topic stay clean.
            channel.basicPublish("", QUEUE, properties,
                    "{\"type\":\"identity.tenant.created\",\"poison\":true}".getBytes(StandardCharsets.UTF_8));
        }
        String later = newAlias();
        createTenant(later);

        await().atMost(BOUND).until(() -> tenantProfile(later) != null);
        await().atMost(BOUND).until(() -> metric(notificationPort, "cercle_events_dead_lettered_total")
                >= deadLetteredBefore + 1);
        try (Channel channel = amqp.createChannel()) {
            GetResponse deadLetter = channel.basicGet(QUEUE + ".dlq", true);
            assertThat(deadLetter).isNotNull();
            assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains("poison");
        }
    }

    @Test
    @Order(5)
    void anEventWrittenBeforeThePublisherStopsIsRelayedAfterItRestarts() throws Exception {
        // Identity without its relay: the tenant and its event are written, nothing is published.
        identity.close();
        processes.remove(identity);
        identity = start("identity-service", identityPort, Map.of(), "--cercle.outbox.relay-enabled=false");
        awaitReady(identityPort);
        String alias = newAlias();
        assertThat(createTenant(alias).statusCode()).isEqualTo(201);
        assertThat(pendingEventsInIdentity(alias)).isEqualTo(1);
        assertThat(tenantProfile(alias)).isNull();

        // The process dies without any shutdown (kill -9), then comes back with its relay.
        ProcessHandle.of(identity.pid()).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(BOUND).until(() -> !identity.isAlive());
        processes.remove(identity);
        identity = start("identity-service", identityPort, Map.of());

        await().atMost(BOUND).until(() -> processedRecords(alias) == 1);
        assertThat(tenantProfile(alias)).isNotNull();
        await().atMost(BOUND).until(() -> pendingEventsInIdentity(alias) == 0);
    }

    // --- the two services as processes -----------------------------------------------------------------------

    private static ManagedProcess start(String module, int port, Map<String, String> extraEnvironment,
                                        String... arguments) {
        var environment = environment(module, port);
        environment.putAll(extraEnvironment);
        var process = ServiceJars.start(module, environment,
                "system-tests/target/backbone-logs/" + module + "-" + System.nanoTime() + ".log", arguments);
        processes.add(process);
        return process;
    }

    private static Map<String, String> environment(String module, int port) {
        var broker = TestBroker.get();
        var environment = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", String.valueOf(port),
                "MONGODB_URI", TestMongo.get().uri("cercle-" + module.replace("-service", "")),
                "RABBITMQ_HOST", broker.host(),
                "RABBITMQ_PORT", String.valueOf(broker.port()),
                "RABBITMQ_USERNAME", broker.username(),
                "RABBITMQ_PASSWORD", broker.password(),
                "CERCLE_MESSAGING_BROKER", broker.messagingBroker(),
                "KEYCLOAK_ISSUER_URI", TestKeycloak.issuerUri(),
                "LOG_FORMAT", ""));
        // identity-service creates each tenant's Keycloak organization through the Admin API.
        environment.put("KEYCLOAK_URL", TestKeycloak.get().baseUrl());
        environment.put("KEYCLOAK_ADMIN_USERNAME", TestKeycloak.get().adminUsername());
        environment.put("KEYCLOAK_ADMIN_PASSWORD", TestKeycloak.get().adminPassword());
        environment.putAll(TestBusNames.environment());
        return environment;
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(port, "/actuator/health/readiness").statusCode() == 200);
    }

    private static void purgeLeftoversOfEarlierRuns() {
        for (String queue : List.of(QUEUE, QUEUE + ".dlq")) {
            try (Channel channel = amqp.createChannel()) {
                channel.queueDeclarePassive(queue);
                channel.queuePurge(queue);
            } catch (IOException | TimeoutException absentOnAFreshBroker) {
                // Declared by notification-service when it starts.
            }
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------------------

    private static HttpResponse<String> createTenant(String alias) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + identityPort + "/tenants"))
                .header("Authorization", "Bearer " + platformAdminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\"}"))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of a Prometheus counter over its series (0 when it has none yet). */
    private static double metric(int port, String name) throws Exception {
        Matcher series = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(get(port, "/actuator/prometheus").body());
        double sum = 0;
        while (series.find()) {
            sum += Double.parseDouble(series.group(2));
        }
        return sum;
    }

    // --- what the databases and the broker hold ------------------------------------------------------------

    private static Document tenantProfile(String alias) {
        return notificationDb().getCollection("tenants").find(Filters.eq("_id", alias)).first();
    }

    private static long processedRecords(String alias) {
        return notificationDb().getCollection("processed_events")
                .countDocuments(Filters.and(Filters.eq("consumer", "tenant-directory"),
                        Filters.eq("subject", alias)));
    }

    private static int pendingEventsInIdentity(String alias) {
        Document tenant = mongo.getDatabase("cercle-identity").getCollection("tenants")
                .find(Filters.eq("_id", alias)).first();
        return tenant == null ? -1 : tenant.getList("pendingEvents", Document.class, List.of()).size();
    }

    private static GetResponse firstMessageAbout(Channel channel, String queue, String alias) throws IOException {
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            if (new String(response.getBody(), StandardCharsets.UTF_8).contains("\"subject\":\"" + alias + "\"")) {
                return response;
            }
        }
        return null;
    }

    private static MongoDatabase notificationDb() {
        return mongo.getDatabase("cercle-notification");
    }

    private static String newAlias() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
