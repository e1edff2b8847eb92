package io.cercle.identity.adoption;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An organization imported with the realm (tenant-b: carol, and dave in its admins group) becomes a tenant with its
 * members at start, as the local run's demo tenant does; readiness waits for it.
 */
@IdentityServiceTest
@TestPropertySource(properties = {"cercle.adoption.organizations=tenant-b", "cercle.adoption.retry-every=500ms"})
class OrganizationAdoptionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void anImportedOrganizationIsATenantWithItsMembersAndAdminsOnceReady() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);

        HttpResponse<String> carol = get("/me", TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER));
        assertThat(carol.statusCode()).as(carol.body()).isEqualTo(200);
        JsonNode profile = JSON.readTree(carol.body());
        assertThat(profile.get("tenantId").asString()).isEqualTo("tenant-b");
        assertThat(profile.get("email").asString()).isEqualTo("carol@tenant-b.cercle.test");
        assertThat(profile.get("displayName").asString()).isEqualTo("Carol Member");

        String dave = TestKeycloak.accessToken(TestUser.CONSULTANT, "tenant-b");
        HttpResponse<String> directory = get("/members?q=Dave", dave);
        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        assertThat(JSON.readTree(directory.body()).at("/items/0/tenantAdmin").asBoolean()).isTrue();
        HttpResponse<String> tenant = get("/tenant", dave);
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
        assertThat(JSON.readTree(tenant.body()).get("name").asString()).isEqualTo("Tenant B");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
