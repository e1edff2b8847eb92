package io.cercle.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import io.cercle.k8s.Chart;
import io.cercle.testsupport.EmbeddedQpidBroker;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.ManagedProcess;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestMongo;
import io.cercle.testsupport.TestSmtp;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The six services started with exactly the environment the Helm chart renders for the production example
 * (k8s/examples/production.yaml), as Kubernetes would assemble it: each ConfigMap (envFrom), then each env entry,
 * secret references resolved as the operator's Secret would. Only where the infrastructure is differs (--set, as
 * an operator's own values file would): this test's MongoDB, an embedded broker of its own, Keycloak, SMTP, and
 * free ports. The gateway's service URLs (http://cercle-content:8083…) name Kubernetes Services; the cluster's DNS
 * is stood in for by pointing those names at localhost.
 *
 * <p>Keycloak gets the realm the chart's trial mode imports (rendered by the chart, its ${VAR} placeholders filled
 * in as Keycloak does from the Secret), so identity-service's confidential client and its roles are the chart's.
 * Services fetch signing keys from KEYCLOAK_JWK_SET_URI (127.0.0.1) while tokens name the issuer (localhost).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartEnvironmentSystemTest {

    private static final List<String> SERVICES = List.of("gateway", "identity", "community", "content",
            "gamification", "notification");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READY_BOUND = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Where each service's probes answer: its port, except the gateway's, which has a management port. */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final String realm = "chart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String clientSecret = UUID.randomUUID().toString();
    private final String adminPassword = "admin-" + UUID.randomUUID();
    private EmbeddedQpidBroker broker;
    private KeycloakServer keycloak;
    private Map<String, Map<String, String>> environments;

    @BeforeAll
    void startTheServicesWithTheChartsEnvironment() throws Exception {
        Chart chart = Chart.ofRepository();
        keycloak = TestKeycloak.get();
        // A broker of its own: these services must not share queues with the devstack's.
        broker = EmbeddedQpidBroker.start(0, "localhost");
        SERVICES.forEach(service -> ports.put(service, Ports.free()));
        managementPorts.putAll(ports);
        managementPorts.put("gateway", Ports.free());

        keycloak.importRealm(realm, trialRealm(chart));

        Map<String, Object> where = new LinkedHashMap<>();
        ports.forEach((service, port) -> where.put("services." + service + ".port", port));
        where.put("services.gateway.managementPort", managementPorts.get("gateway"));
        where.put("rabbitmq.host", "localhost");
        where.put("rabbitmq.port", broker.port());
        // Qpid Broker-J has one user; on RabbitMQ each service has its own (docs/operations.md#rabbitmq-users).
        SERVICES.stream().filter(service -> !service.equals("gateway"))
                .forEach(service -> where.put("services." + service + ".rabbitmq.username", EmbeddedQpidBroker.USERNAME));
        where.put("rabbitmq.vhost", "/");
        where.put("rabbitmq.quorumQueues", false); // Qpid Broker-J has no quorum queues
        where.put("keycloak.realm", realm);
        where.put("keycloak.issuerUri", keycloak.baseUrl() + "/realms/" + realm);
        where.put("keycloak.jwkSetUri", "http://127.0.0.1:" + keycloak.port() + "/realms/" + realm
                + "/protocol/openid-connect/certs");
        where.put("keycloak.url", keycloak.baseUrl());
        where.put("smtp.host", TestSmtp.host());
        where.put("smtp.port", TestSmtp.port());
        where.put("smtp.username", "");
        where.put("smtp.starttlsRequired", false); // GreenMail's SMTP offers no STARTTLS
        where.put("redis.host", "");
        where.put("common.tracing.otlpEndpoint", "");
        List<HasMetadata> objects = Chart.parse(chart.render(List.of(chart.example("production")), where));

        environments = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Map<String, String> env = new LinkedHashMap<>(Chart.environment(objects, service, this::secret));
            // Cluster DNS stand-in: the gateway's routes name the Kubernetes Services.
            env.replaceAll((name, value) -> value.replaceAll("^http://" + Chart.RELEASE + "-[a-z]+:", "http://localhost:"));
            // The one variable beyond the chart's: a cluster runs RabbitMQ (the default), this test the embedded Qpid,
            // which nacks an event nobody subscribes to yet (ADR 5).
            env.put("CERCLE_MESSAGING_BROKER", "qpid");
            environments.put(service, env);
        }
        for (String service : SERVICES) {
            // The jar's -Xmx wins over the chart's MaxRAMPercentage: six JVMs share this machine.
            processes.add(ServiceJars.start(service + "-service", environments.get(service),
                    "system-tests/target/chart-logs/" + service + "-service.log"));
        }
        for (String service : SERVICES) {
            await("readiness of " + service).atMost(READY_BOUND).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get(managementPorts.get(service), "/actuator/health/readiness", null).statusCode() == 200);
        }
    }

    @AfterAll
    void stopEverything() {
        processes.parallelStream().forEach(ManagedProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyServiceIsReadyWithMongoDbAndTheBrokerTheChartConfigured() throws Exception {
        for (String service : SERVICES) {
            HttpResponse<String> readiness = get(managementPorts.get(service), "/actuator/health/readiness", null);

            assertThat(readiness.statusCode()).as(service).isEqualTo(200);
            assertThat(environments.get(service)).as(service).containsEntry("SERVER_PORT", String.valueOf(ports.get(service)));
        }
        // The gateway's API port serves no actuator; its probes are where the chart points the kubelet.
        assertThat(environments.get("gateway")).containsEntry("MANAGEMENT_PORT", String.valueOf(managementPorts.get("gateway")));
        assertThat(get(ports.get("gateway"), "/actuator/health/readiness", null).statusCode()).isEqualTo(404);
        // The backends' readiness includes MongoDB and RabbitMQ, both reached only through the chart's variables.
        assertThat(environments.get("content")).containsEntry("MONGODB_URI", TestMongo.get().uri("chart-content"))
                .containsEntry("RABBITMQ_PASSWORD", EmbeddedQpidBroker.PASSWORD);
    }

    @Test
    void aTokenOfTheChartsRealmReachesEveryServiceThroughTheGatewaysRoutes() throws Exception {
        String token = signIn();

        for (String path : List.of("identity", "communities", "content", "gamification", "notifications")) {
            HttpResponse<String> session = get(ports.get("gateway"), "/api/" + path + "/session", token);

            assertThat(session.statusCode()).as("%s: %s", path, session.body()).isEqualTo(200);
            assertThat(JSON.readTree(session.body()).get("roles").toString()).contains("platform-admin");
        }
        assertThat(get(ports.get("gateway"), "/api/content/session", null).statusCode()).isEqualTo(401);
    }

    @Test
    void identityManagesKeycloakWithTheChartsClientAndNotificationMailsFromTheChartsSender() throws Exception {
        String token = signIn();
        String alias = "chart-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "invitee-" + alias + "@chart.example";

        // Creating a tenant creates a Keycloak organization: identity's client credentials and realm-management roles.
        HttpResponse<String> tenant = post("/api/identity/tenants", token,
                "{\"alias\":\"" + alias + "\",\"name\":\"Chart " + alias + "\",\"defaultLocale\":\"en\"}");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        HttpResponse<String> invitation = post("/api/identity/tenants/" + alias + "/invitations", token,
                "{\"email\":\"" + email + "\",\"role\":\"member\"}");
        assertThat(invitation.statusCode()).as(invitation.body()).isEqualTo(201);

        // The event crosses the chart's broker; the email leaves through the chart's SMTP settings.
        GreenMail smtp = TestSmtp.get();
        Message mail = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> recipients(message).contains(email)).findFirst().orElse(null), m -> m != null);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress())
                .isEqualTo(environments.get("notification").get("MAIL_FROM")).isEqualTo("community@example.com");
    }

    /** What the cluster's Secret would hold, key by key (docs/operations.md#secrets lists them). */
    private String secret(String name, String key) {
        assertThat(name).isEqualTo("cercle-secrets");
        if (key.startsWith("rabbitmq-password-")) {
            return EmbeddedQpidBroker.PASSWORD;
        }
        if (key.startsWith("mongodb-uri-")) {
            return TestMongo.get().uri("chart-" + key.substring("mongodb-uri-".length()));
        }
        return switch (key) {
            case "keycloak-client-secret" -> clientSecret;
            case "invitation-secret" -> "chart-test-invitation-secret-" + clientSecret;
            default -> throw new AssertionError("The production example should not read secret key " + key);
        };
    }

    /** The chart's realm has no password grant on its web client: sign in as a browser does (code + PKCE). */
    private String signIn() {
        return keycloak.accessTokenByBrowserLogin(realm, "admin", adminPassword, "cercle-web",
                "http://localhost:3000/signed-in");
    }

    @Test
    void theChartsRealmRefusesThePasswordGrantOnItsWebClient() {
        assertThatThrownBy(() -> keycloak.accessToken(realm, "admin", adminPassword, "cercle-web"))
                .hasMessageContaining("unauthorized_client");
    }

    /** The realm the chart's trial mode imports, with its placeholders filled in as Keycloak fills them. */
    private String trialRealm(Chart chart) {
        List<HasMetadata> trial = Chart.parse(chart.render(List.of(chart.example("trial")), Map.of("keycloak.realm", realm)));
        String json = Chart.find(trial, ConfigMap.class, Chart.RELEASE + "-keycloak-realm").getData().get("cercle-realm.json");
        return json.replace("${CERCLE_IDENTITY_CLIENT_SECRET}", clientSecret)
                .replace("${CERCLE_PLATFORM_ADMIN_PASSWORD}", adminPassword);
    }


    private static List<String> recipients(Message message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get("gateway") + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
