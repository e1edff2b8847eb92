package io.cercle.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cercle.testsupport.TokenClaims.organizations;
import static io.cercle.testsupport.TokenClaims.realmRoles;
import static io.cercle.testsupport.TokenClaims.tenantRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real tokens from a real Keycloak 26 started from the Maven Central distribution with the test realm, shaped as
 * docs/adr/0009 says: the organization claim keyed by alias, tenant roles inside the organization's entry only.
 */
class KeycloakServerTest {

    @BeforeAll
    static void start() {
        TestKeycloak.get(); // logs its start-up time itself
    }

    @Test
    void aTenantMembersAccessTokenNamesTheTenantIsForTheApiAndCarriesNoTenantRole() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER));

        assertThat(claims.get("iss")).isEqualTo(TestKeycloak.issuerUri());
        assertThat(claims.get("sub")).asString().isNotBlank();
        assertThat(claims.get("preferred_username")).isEqualTo("bob");
        assertThat(claims.get("typ")).isEqualTo("Bearer");
        assertThat(claims.get("azp")).isEqualTo("cercle-web");
        assertThat(audience(claims)).contains("cercle-api");
        assertThat(organizations(claims)).containsOnlyKeys("tenant-a");
        assertThat(tenantRoles(claims, "tenant-a")).isEmpty();
        assertThat(realmRoles(claims)).doesNotContain("tenant-admin", "platform-admin");
    }

    @Test
    void aTenantAdminsRoleLivesInsideTheirOrganizationOnly() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_A_ADMIN));

        assertThat(organizations(claims)).containsOnlyKeys("tenant-a");
        assertThat(tenantRoles(claims, "tenant-a")).containsExactly("tenant-admin");
        assertThat(realmRoles(claims)).doesNotContain("tenant-admin");
        assertThat(String.valueOf(claims.get("resource_access"))).doesNotContain("tenant-admin");
    }

    @Test
    void someoneInTwoOrganizationsChoosesOneAtLoginAndGetsThatOnesRolesOnly() {
        Map<String, Object> unchosen = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.CONSULTANT));
        Map<String, Object> inA = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.CONSULTANT, "tenant-a"));
        Map<String, Object> inB = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.CONSULTANT, "tenant-b"));

        assertThat(unchosen.get("organization") == null || organizations(unchosen).isEmpty()).isTrue();
        assertThat(organizations(inA)).containsOnlyKeys("tenant-a");
        assertThat(tenantRoles(inA, "tenant-a")).isEmpty();
        assertThat(organizations(inB)).containsOnlyKeys("tenant-b");
        assertThat(tenantRoles(inB, "tenant-b")).containsExactly("tenant-admin");
    }

    @Test
    void thePlatformAdminBelongsToNoTenant() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN));

        assertThat(claims.get("organization") == null || organizations(claims).isEmpty()).isTrue();
        assertThat(realmRoles(claims)).contains("platform-admin");
    }

    @Test
    void anIdTokenSaysSoInItsType() {
        var user = TestUser.TENANT_A_MEMBER;
        Map<String, Object> claims = KeycloakServer.claims(
                TestKeycloak.get().idToken(user.username(), user.password(), TestKeycloak.CLIENT_ID));

        assertThat(claims.get("typ")).isEqualTo("ID");
    }

    @Test
    void aTokenOfAnotherClientIsNotForTheApi() {
        var user = TestUser.TENANT_A_MEMBER;
        Map<String, Object> claims = KeycloakServer.claims(
                TestKeycloak.get().accessToken(user.username(), user.password(), "other-app"));

        assertThat(claims.get("azp")).isEqualTo("other-app");
        assertThat(audience(claims)).doesNotContain("cercle-api");
    }

    @Test
    void theBrowserLoginWithPkceGivesTheSameKindOfToken() {
        var user = TestUser.TENANT_A_ADMIN;
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.get().accessTokenByBrowserLogin(
                TestKeycloak.REALM, user.username(), user.password(), TestKeycloak.CLIENT_ID, "http://localhost:9999/cb"));

        assertThat(claims.get("preferred_username")).isEqualTo("alice");
        assertThat(tenantRoles(claims, "tenant-a")).containsExactly("tenant-admin");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> TestKeycloak.get().accessToken("bob", "not-bobs-password", TestKeycloak.CLIENT_ID))
                .hasMessageContaining("answered 400")
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void aCopyOfTheRealmLivesBesideItUnderAnotherNameWithItsOrganizationsAndTenantRoles() {
        String name = "copy-" + UUID.randomUUID().toString().substring(0, 8);

        KeycloakServer copy = TestKeycloak.get().importRealmCopy(new ByteArrayInputStream(TestKeycloak.realmJson()),
                name);

        var alice = TestUser.TENANT_A_ADMIN;
        Map<String, Object> claims = KeycloakServer.claims(
                copy.accessToken(alice.username(), alice.password(), TestKeycloak.CLIENT_ID));
        assertThat(copy.issuerUri()).endsWith("/realms/" + name);
        assertThat(claims.get("iss")).isEqualTo(copy.issuerUri());
        assertThat(tenantRoles(claims, "tenant-a")).containsExactly("tenant-admin");
        // The original keeps answering as before.
        assertThat(KeycloakServer.claims(TestKeycloak.accessToken(alice)).get("iss")).isEqualTo(TestKeycloak.issuerUri());
    }

    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : aud == null ? List.of() : List.of(String.valueOf(aud));
    }
}
