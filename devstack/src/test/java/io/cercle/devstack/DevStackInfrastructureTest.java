package io.cercle.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestKeycloak;
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

import static io.cercle.testsupport.TokenClaims.organizations;
import static io.cercle.testsupport.TokenClaims.realmRoles;
import static io.cercle.testsupport.TokenClaims.tenantRoles;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack's infrastructure on its own (no services, free ports so it coexists with a running devstack):
 * the demo realm issues the tokens the services expect, and the mail REST API answers. The demo realm goes into the
 * build's test Keycloak as a realm of its own (docs/adr/0012), as {@code -Dcercle.devstack.keycloak-url} does.
 */
class DevStackInfrastructureTest {

    private static final Logger log = LoggerFactory.getLogger(DevStackInfrastructureTest.class);

    private static DevStack stack;

    @BeforeAll
    static void start() {
        DevStackOptions options = new DevStackOptions(Path.of("..").toAbsolutePath().normalize(),
                Path.of("target/devstack-test").toAbsolutePath(), Ports.free(), 5672, Ports.free(), Ports.free(),
                Ports.free(), "admin", List.of(), Duration.ofSeconds(180), null)
                .withRunningKeycloak(TestKeycloak.get());
        stack = DevStack.start(options);
        log.info("Devstack infrastructure ready in {} ms ({})", stack.startupTime().toMillis(),
                stack.brokerDescription());
    }

    @AfterAll
    static void stop() {
        stack.close();
        // The demo realm leaves the shared server with the devstack.
        assertThat(TestKeycloak.get().inRealm(stack.realm()).answers()).isFalse();
    }

    @Test
    void aDemoMembersTokenNamesTheDemoTenantWithoutATenantRole() {
        Map<String, Object> claims = KeycloakServer.claims(stack.accessToken(DemoUser.MEMBER));

        assertThat(claims.get("iss")).isEqualTo(stack.issuerUri());
        assertThat(organizations(claims)).containsOnlyKeys("demo");
        assertThat(tenantRoles(claims, "demo")).isEmpty();
        assertThat(realmRoles(claims)).doesNotContain("tenant-admin", "platform-admin");
        assertThat(claims.get("email")).isEqualTo("member@demo.cercle.test");
    }

    @Test
    void theManagerIsTenantAdminOfDemoAndTheAdminIsInNoTenant() {
        Map<String, Object> manager = KeycloakServer.claims(stack.accessToken(DemoUser.MANAGER));
        Map<String, Object> admin = KeycloakServer.claims(stack.accessToken(DemoUser.ADMIN));

        // Roles scoped to one tenant (docs/adr/0009): tenant-admin lives inside the demo organization's entry only.
        assertThat(organizations(manager)).containsOnlyKeys("demo");
        assertThat(tenantRoles(manager, "demo")).containsExactly("tenant-admin");
        assertThat(realmRoles(manager)).doesNotContain("tenant-admin");
        assertThat(admin.get("organization") == null || organizations(admin).isEmpty()).isTrue();
        assertThat(realmRoles(admin)).contains("platform-admin");
    }

    @Test
    void theDemoRealmLivesBesideTheTestRealmInTheRunningKeycloak() {
        assertThat(stack.keycloakUrl()).isEqualTo(TestKeycloak.get().baseUrl());
        assertThat(stack.realm()).startsWith("cercle-devstack-");
        assertThat(stack.issuerUri()).isEqualTo(TestKeycloak.get().baseUrl() + "/realms/" + stack.realm());
        assertThat(TestKeycloak.get().answers()).isTrue();
    }

    @Test
    void theMailRestApiAnswers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.mailApiUrl() + "/api/service/readiness")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }



}
