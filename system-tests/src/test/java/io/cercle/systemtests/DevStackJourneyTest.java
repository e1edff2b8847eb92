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
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

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
        assertThat(KeycloakServer.claims(token).get("organization")).asInstanceOf(MAP).containsOnlyKeys(DemoUser.TENANT);
    }

    @Test
    void theReadmesFirstStepsWorkForTheDemoUsers() throws Exception {
        // The demo organization is imported into Keycloak and adopted by identity-service before the stack is ready:
        // the member has a profile already, so the explicit creation step answers it unchanged (200, not 201).
        HttpResponse<String> created = post(stack.gatewayUrl() + "/api/identity/me", stack.accessToken(DemoUser.MEMBER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> me = get(stack.gatewayUrl() + "/api/identity/me", stack.accessToken(DemoUser.MEMBER));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("tenantId").asString()).isEqualTo(DemoUser.TENANT);

        HttpResponse<String> directory = get(stack.gatewayUrl() + "/api/identity/members",
                stack.accessToken(DemoUser.MANAGER));
        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        var members = JSON.readTree(directory.body()).path("items");
        assertThat(members.valueStream().map(member -> member.path("displayName").asString()).toList())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(members.valueStream().filter(member -> member.path("tenantAdmin").asBoolean()).count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anIdTokenAndATokenOfAnotherClientGet401AtTheGateway() throws Exception {
        var keycloak = stack.keycloak();
        String idToken = keycloak.idToken(DemoUser.MEMBER.username(), DemoUser.MEMBER.password(), "cercle-web");
        String adminCli = keycloak.accessToken(DemoUser.MEMBER.username(), DemoUser.MEMBER.password(), "admin-cli");

        for (String token : List.of(idToken, adminCli)) {
            HttpResponse<String> response = get(stack.gatewayUrl() + "/api/identity/session", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        }
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

    private HttpResponse<String> post(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
