package io.cercle.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real tokens from a real Keycloak 26 started from the Maven Central distribution with the test realm. */
class KeycloakServerTest {

    @BeforeAll
    static void start() {
        TestKeycloak.get(); // logs its start-up time itself
    }

    @Test
    void aTenantMembersTokenNamesTheTenantAndTheRealmRoles() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER));

        assertThat(claims.get("iss")).isEqualTo(TestKeycloak.issuerUri());
        assertThat(claims.get("sub")).asString().isNotBlank();
        assertThat(claims.get("preferred_username")).isEqualTo("bob");
        assertThat(claims.get("organization")).isEqualTo(List.of("tenant-a"));
        assertThat(realmRoles(claims)).contains("member").doesNotContain("tenant-admin", "platform-admin");
    }

    @Test
    void aTenantAdminsTokenCarriesTheTenantAdminRole() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_A_ADMIN));

        assertThat(claims.get("organization")).isEqualTo(List.of("tenant-a"));
        assertThat(realmRoles(claims)).contains("tenant-admin", "member");
    }

    @Test
    void membersOfAnotherTenantGetTheirOwnTenant() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER));

        assertThat(claims.get("organization")).isEqualTo(List.of("tenant-b"));
    }

    @Test
    void thePlatformAdminBelongsToNoTenant() {
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN));

        assertThat(claims).doesNotContainKey("organization");
        assertThat(realmRoles(claims)).contains("platform-admin");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> TestKeycloak.get().accessToken("bob", "not-bobs-password", TestKeycloak.CLIENT_ID))
                .hasMessageContaining("answered 400")
                .hasMessageContaining("invalid_grant");
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(Map<String, Object> claims) {
        return (List<String>) ((Map<String, Object>) claims.get("realm_access")).get("roles");
    }
}
