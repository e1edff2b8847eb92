package io.cercle.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack's infrastructure on its own (no services, free ports so it coexists with a running devstack):
 * the demo realm issues the tokens the services expect, and the mail REST API answers.
 */
class DevStackInfrastructureTest {

    private static final Logger log = LoggerFactory.getLogger(DevStackInfrastructureTest.class);

    private static DevStack stack;

    @BeforeAll
    static void start() {
        DevStackOptions options = new DevStackOptions(Path.of("..").toAbsolutePath().normalize(),
                Path.of("target/devstack-test").toAbsolutePath(), Ports.free(), 5672, Ports.free(), Ports.free(),
                Ports.free(), "admin", List.of(), Duration.ofSeconds(180));
        stack = DevStack.start(options);
        log.info("Devstack infrastructure ready in {} ms ({})", stack.startupTime().toMillis(),
                stack.brokerDescription());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aDemoMembersTokenNamesTheDemoTenantAndTheMemberRole() {
        Map<String, Object> claims = KeycloakServer.claims(stack.accessToken(DemoUser.MEMBER));

        assertThat(claims.get("iss")).isEqualTo(stack.issuerUri());
        // Membership is the organization claim naming the tenant; roles within it are its cercle-api client roles.
        assertThat(organizations(claims)).containsOnlyKeys("demo");
        assertThat(tenantRoles(claims, "demo")).doesNotContain("tenant-admin");
        assertThat(claims.get("email")).isEqualTo("member@demo.cercle.test");
    }

    @Test
    void theManagerIsTenantAdminOfDemoAndTheAdminIsInNoTenant() {
        Map<String, Object> manager = KeycloakServer.claims(stack.accessToken(DemoUser.MANAGER));
        Map<String, Object> admin = KeycloakServer.claims(stack.accessToken(DemoUser.ADMIN));

        assertThat(organizations(manager)).containsOnlyKeys("demo");
        assertThat(tenantRoles(manager, "demo")).contains("tenant-admin");
        assertThat(realmRoles(manager)).doesNotContain("tenant-admin");
        assertThat(organizations(admin)).isEmpty();
        assertThat(realmRoles(admin)).contains("platform-admin");
    }

    @Test
    void theMailRestApiAnswers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.mailApiUrl() + "/api/service/readiness")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> organizations(Map<String, Object> claims) {
        return (Map<String, Object>) claims.getOrDefault("organization", Map.of());
    }

    /** {"organization": {"demo": {"resource_access": {"cercle-api": {"roles": [...]}}}}}; none when absent. */
    @SuppressWarnings("unchecked")
    private static List<String> tenantRoles(Map<String, Object> claims, String tenant) {
        Map<String, Object> access = (Map<String, Object>) ((Map<String, Object>) organizations(claims).get(tenant))
                .getOrDefault("resource_access", Map.of());
        Map<String, Object> api = (Map<String, Object>) access.getOrDefault("cercle-api", Map.of());
        return (List<String>) api.getOrDefault("roles", List.of());
    }

    /** Tenant roles are no realm roles any more: a member may have none, and then no realm_access claim. */
    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(Map<String, Object> claims) {
        Map<String, Object> access = (Map<String, Object>) claims.getOrDefault("realm_access", Map.of());
        return (List<String>) access.getOrDefault("roles", List.of());
    }
}
