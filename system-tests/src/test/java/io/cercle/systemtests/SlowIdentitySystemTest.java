package io.cercle.systemtests;

import io.cercle.testsupport.TestBusNames;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.ManagedProcess;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TcpFaultProxy;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow identity gives the client one result across a retry with the same Idempotency-Key (issue 8). identity-service
 * reaches Keycloak's Admin API through a fault proxy that delays every answer by more than the gateway waits for
 * identity: the first POST /tenants gets the gateway's 503 while the tenant is still being created; the retry with
 * the same key is told "in progress" (409, Retry-After) until the first request ends, then answers 201 with that
 * same tenant; exactly one tenant and one Keycloak organization exist; the gateway logged the fallback with its cause.
 * Two processes of their own (identity, gateway) on the test run's Keycloak, MongoDB and broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowIdentitySystemTest {

    /** What the gateway waits for identity (for every route until per-route timeouts exist, and for identity's). */
    private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(1);
    /** Added to each Admin API answer: creating a tenant takes at least one, so well over the gateway's wait. */
    private static final Duration KEYCLOAK_LATENCY = Duration.ofMillis(2500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final String alias = "slow-" + UUID.randomUUID().toString().substring(0, 8);
    private final String key = UUID.randomUUID().toString();
    private final String firstRequestId = "slow-identity-" + UUID.randomUUID().toString().substring(0, 8);
    private TcpFaultProxy keycloakAdminApi;
    private ManagedProcess gateway;
    private int gatewayPort;
    private MongoClient mongo;
    private String platformAdmin;

    private HttpResponse<String> first;
    private final List<HttpResponse<String>> inProgress = new ArrayList<>();
    private HttpResponse<String> retried;

    @BeforeAll
    void identityBehindASlowKeycloakAndAGatewayThatWaitsLess() throws Exception {
        KeycloakServer keycloak = TestKeycloak.get();
        mongo = MongoClients.create(TestMongo.get().connectionString());
        keycloakAdminApi = TcpFaultProxy.start("keycloak-admin-api", "127.0.0.1", keycloak.port());
        int identityPort = Ports.free();
        gatewayPort = Ports.free();
        int gatewayManagementPort = Ports.free();

        var broker = TestBroker.get();
        Map<String, String> identityEnvironment = new HashMap<>(Map.of(
                "SERVER_PORT", String.valueOf(identityPort),
                "MONGODB_URI", TestMongo.get().uri("cercle-identity"),
                "RABBITMQ_HOST", broker.host(),
                "RABBITMQ_PORT", String.valueOf(broker.port()),
                "RABBITMQ_USERNAME", broker.username(),
                "RABBITMQ_PASSWORD", broker.password(),
                "CERCLE_MESSAGING_BROKER", broker.messagingBroker(),
                "KEYCLOAK_ISSUER_URI", TestKeycloak.issuerUri(),
                "LOG_FORMAT", ""));
        identityEnvironment.putAll(TestBusNames.environment());
        // Tokens are checked against Keycloak directly; only the Admin API calls go through the slow proxy.
        identityEnvironment.put("KEYCLOAK_URL", "http://127.0.0.1:" + keycloakAdminApi.port());
        identityEnvironment.put("KEYCLOAK_ADMIN_USERNAME", keycloak.adminUsername());
        identityEnvironment.put("KEYCLOAK_ADMIN_PASSWORD", keycloak.adminPassword());
        processes.add(ServiceJars.start("identity-service", identityEnvironment,
                "system-tests/target/slow-identity-logs/identity-service.log"));

        gateway = ServiceJars.start("gateway-service", Map.of(
                "SERVER_PORT", String.valueOf(gatewayPort),
                // The gateway's own actuator lives on its management port, never on the API port.
                "MANAGEMENT_PORT", String.valueOf(gatewayManagementPort),
                "IDENTITY_URI", "http://localhost:" + identityPort,
                "KEYCLOAK_ISSUER_URI", TestKeycloak.issuerUri(),
                "DOWNSTREAM_RESPONSE_TIMEOUT", GATEWAY_TIMEOUT.toMillis() + "ms",
                "IDENTITY_RESPONSE_TIMEOUT", GATEWAY_TIMEOUT.toMillis() + "ms",
                "LOG_FORMAT", ""), "system-tests/target/slow-identity-logs/gateway-service.log");
        processes.add(gateway);

        platformAdmin = TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN);
        awaitReady(identityPort);
        awaitReady(gatewayManagementPort);
        // Warm up while Keycloak is fast, so that only the proxy's latency makes the first request slow: identity's
        // first write (its classes, the token's signing keys, the Admin API token) straight to identity, whose
        // first answer may itself take longer than the gateway waits; then the gateway's route.
        String warmUp = "warm-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> warm = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + identityPort
                        + "/tenants")).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + platformAdmin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"alias\":\"" + warmUp + "\",\"name\":\"Tenant " + warmUp + "\",\"defaultLocale\":\"fr\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(warm.statusCode()).as(warm.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", "/api/identity/tenants/" + warmUp, null, null, null).statusCode() == 200);
        keycloakAdminApi.latency(KEYCLOAK_LATENCY);
    }

    @AfterAll
    void stopEverything() {
        processes.parallelStream().forEach(ManagedProcess::close);
        if (keycloakAdminApi != null) {
            keycloakAdminApi.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    @Order(1)
    void theFirstRequestTimesOutAtTheGatewayAndItsRetryWithTheSameKeyAnswersTheTenantItCreated() throws Exception {
        first = createTenant(alias, key, firstRequestId);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        retried = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> retry = createTenant(alias, key, null);
                    if (retry.statusCode() == 409) {
                        inProgress.add(retry);
                    }
                    return retry;
                }, retry -> retry.statusCode() != 409);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.headers().firstValue("Location")).hasValue("/tenants/" + alias);
        JsonNode tenant = JSON.readTree(retried.body());
        assertThat(tenant.get("alias").asString()).isEqualTo(alias);
        assertThat(tenant.get("name").asString()).isEqualTo("Tenant " + alias);
        // While the first request still ran, retries were told so and when to come back.
        assertThat(inProgress).isNotEmpty().allSatisfy(retry -> {
            assertThat(retry.headers().firstValue("Retry-After")).isPresent();
            assertThat(retry.body()).contains("still being processed");
        });
    }

    @Test
    @Order(2)
    void exactlyOneTenantAndOneOrganizationExistAndTheyAreTheOneAnswered() throws Exception {
        keycloakAdminApi.heal();

        HttpResponse<String> read = call("GET", "/api/identity/tenants/" + alias, null, null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        // The same creation: the answer's instant is the one stored (MongoDB keeps milliseconds).
        assertThat(Instant.parse(JSON.readTree(read.body()).get("createdAt").asString())).isEqualTo(
                Instant.parse(JSON.readTree(retried.body()).get("createdAt").asString()).truncatedTo(ChronoUnit.MILLIS));
        assertThat(mongo.getDatabase("cercle-identity").getCollection("tenants")
                .countDocuments(Filters.eq("_id", alias))).isOne();
        assertThat(organizationsNamed("Tenant " + alias)).isOne();
        Document key = mongo.getDatabase("cercle-identity").getCollection("idempotency_keys")
                .find(Filters.eq("key", this.key)).first();
        assertThat(key).isNotNull();
        assertThat(key.getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(3)
    void theSameKeyWithAnotherTenantIsRefusedWith422() throws Exception {
        HttpResponse<String> other = call("POST", "/api/identity/tenants", key, null,
                "{\"alias\":\"other-" + alias + "\",\"name\":\"Other\",\"defaultLocale\":\"en\"}");

        assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
        assertThat(mongo.getDatabase("cercle-identity").getCollection("tenants")
                .countDocuments(Filters.eq("_id", "other-" + alias))).isZero();
    }

    /**
     * The gateway's fallback log line comes with the gateway's per-route timeouts and fallback logging (another part
     * of issue 8, merged separately): until then this test fails, the rest of the class does not depend on it.
     */
    @Test
    @Order(4)
    void theGatewayLoggedTheFallbackWithItsRouteCauseAndRequestId() throws Exception {
        Pattern fallback = Pattern.compile("Gateway fallback route=identity status=503 cause=[A-Za-z0-9_$]+: .*"
                + "requestId=" + Pattern.quote(firstRequestId));

        await("a line '" + fallback + "' in " + gateway.logFile()).atMost(Duration.ofSeconds(5))
                .until(() -> Files.readAllLines(gateway.logFile()).stream().anyMatch(line -> fallback.matcher(line).find()));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private HttpResponse<String> createTenant(String alias, String key, String requestId) throws Exception {
        return call("POST", "/api/identity/tenants", key, requestId,
                "{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\"}");
    }

    private HttpResponse<String> call(String method, String path, String key, String requestId, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + platformAdmin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Organizations of the test realm with exactly this name, asked of Keycloak directly. */
    private long organizationsNamed(String name) throws Exception {
        KeycloakServer keycloak = TestKeycloak.get();
        String admin = keycloak.accessToken("master", keycloak.adminUsername(), keycloak.adminPassword(), "admin-cli");
        var response = http.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/"
                        + TestKeycloak.REALM + "/organizations?exact=true&search="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).size();
    }

    private void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
    }
}
