package io.cercle.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Cercle service promises, checked on the real application against the real MongoDB-protocol server
 * and broker: probes, metrics, OpenAPI, and a 401 problem without a token. A service's test suite extends this
 * class once ({@code class IdentityServiceConformanceTest extends ServiceConformanceTest {}}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/unreachable")
public abstract class ServiceConformanceTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;
    /** Where probes and metrics answer: the server port, unless the service has a management port of its own. */
    @LocalManagementPort
    protected int managementPort;

    @Test
    void livenessIsUp() throws Exception {
        var response = get(managementPort, "/actuator/health/liveness", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessIsUpWithItsInfrastructure() throws Exception {
        var response = get(managementPort, "/actuator/health/readiness", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposedWithTheServiceTag() throws Exception {
        var response = get(managementPort, "/actuator/prometheus", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("service=\"");
    }

    @Test
    void theOpenApiDescriptionDeclaresTheBearerScheme() throws Exception {
        var response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode scheme = JSON.readTree(response.body()).path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs", null).body()).path("paths");
        var undocumented = new java.util.ArrayList<String>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().path("responses");
                boolean documented = responses.has("500") && responses.properties().stream()
                        .filter(response -> response.getKey().matches("[45]\\d\\d"))
                        .allMatch(response -> response.getValue().path("content").has("application/problem+json"));
                if (!documented) {
                    undocumented.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(undocumented).as("operations whose error responses are not documented as problems").isEmpty();
    }

    @Test
    void aRequestWithoutTokenGets401Problem() throws Exception {
        var response = get("/session", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aTokenThatCannotBeCheckedWhileKeycloakIsUnreachableGets503Problem() throws Exception {
        // The issuer below refuses connections, as a Keycloak that is down does: the service still starts and
        // stays live, and says it cannot check the token rather than failing with a 500.
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4Iiwib3JnYW5pemF0aW9uIjpbImFjbWUiXX0.c2lnbmF0dXJl";

        var response = get("/session", token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    protected HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return get(port, path, bearer);
    }

    protected HttpResponse<String> get(int port, String path, String bearer) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
