package io.cercle.systemtests;

import io.cercle.devstack.DemoUser;
import io.cercle.devstack.DevStack;
import io.cercle.devstack.ServiceSpec;
import io.cercle.testsupport.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite as a user meets it: the devstack started in this JVM (embedded MongoDB, a real broker, GreenMail,
 * Keycloak, six services), real tokens from Keycloak, every call through the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackJourneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DevStack stack;

    @BeforeAll
    void startTheSuite() {
        stack = RunningSuite.get();
    }

    @Test
    void everyServiceReportsItselfReady() throws Exception {
        List<String> notReady = new ArrayList<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            HttpResponse<String> response = get(service.managementUrl() + "/actuator/health/readiness", null);
            if (response.statusCode() != 200 || !"UP".equals(JSON.readTree(response.body()).path("status").asString())) {
                notReady.add(service.module() + ": " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(notReady).isEmpty();
    }

    @ParameterizedTest(name = "/api/{0}/session")
    @ValueSource(strings = {"identity", "communities", "content", "gamification", "notifications"})
    void aDemoMembersSessionNamesTheDemoTenantInEveryService(String api) throws Exception {
        String token = stack.accessToken(DemoUser.MEMBER);

        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/" + api + "/session", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode session = JSON.readTree(response.body());
        assertThat(session.path("tenantId").asString()).isEqualTo(DemoUser.TENANT);
        assertThat(session.path("service").asString()).isNotBlank();
        assertThat(session.path("memberId").asString()).isNotBlank();
        assertThat(session.path("roles").valueStream().map(JsonNode::asString)).contains("member");
    }

    @Test
    void theTenantAdminsSessionCarriesTheTenantAdminRole() throws Exception {
        String token = stack.accessToken(DemoUser.MANAGER);

        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/identity/session", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode session = JSON.readTree(response.body());
        assertThat(session.path("tenantId").asString()).isEqualTo(DemoUser.TENANT);
        assertThat(session.path("roles").valueStream().map(JsonNode::asString)).contains("tenant-admin");
        assertThat(KeycloakServer.claims(token).get("organization")).isEqualTo(List.of(DemoUser.TENANT));
    }

    @ParameterizedTest(name = "/api/{0}/actuator/**")
    @ValueSource(strings = {"identity", "communities", "content", "gamification", "notifications"})
    void noServicesActuatorIsReachableThroughTheGateway(String api) throws Exception {
        String token = stack.accessToken(DemoUser.MANAGER);
        for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/health",
                "/actuator/env")) {
            for (String bearer : new String[]{null, token}) {
                HttpResponse<String> response = get(stack.gatewayUrl() + "/api/" + api + path, bearer);

                assertThat(response.statusCode()).as("%s%s with token: %s", api, path, bearer != null).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void theGatewaysActuatorIsOnItsManagementPortOnly() throws Exception {
        assertThat(get(stack.gatewayUrl() + "/actuator/prometheus", null).statusCode()).isEqualTo(404);
        assertThat(get(stack.gatewayUrl() + "/actuator/health", null).statusCode()).isEqualTo(404);

        HttpResponse<String> prometheus = get(ServiceSpec.GATEWAY.managementUrl() + "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("service=\"gateway-service\"");
    }

    @ParameterizedTest(name = "/api/{0}/session")
    @ValueSource(strings = {"identity", "communities", "content", "gamification", "notifications"})
    void withoutATokenTheGatewayAnswers401AsProblemDetails(String api) throws Exception {
        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/" + api + "/session", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(401);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
