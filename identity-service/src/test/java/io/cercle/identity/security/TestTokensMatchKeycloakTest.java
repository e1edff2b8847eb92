package io.cercle.identity.security;

import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed test tokens of the web slices ({@link TestTokens}) keep the shape of the test Keycloak's own: the claims
 * the services read, with the same structure, for each kind of caller and for each token the services must refuse
 * (an ID token, a token of another client or audience). Slices are only as true as this; no Spring context needed.
 */
class TestTokensMatchKeycloakTest {

    @Test
    void aTenantAdminsTokenHasKeycloaksClaimsAndOrganizationEntry() {
        var real = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_A_ADMIN));
        var test = TestTokens.of(TestUser.TENANT_A_ADMIN).claims();

        assertThat(test.keySet()).as("claim names").isEqualTo(real.keySet());
        for (String claim : new String[] {"typ", "azp", "aud", "preferred_username", "email", "email_verified",
                "name", "given_name", "family_name", "acr", "allowed-origins"}) {
            assertThat(test.get(claim)).as(claim).isEqualTo(real.get(claim));
        }
        // A set of scopes, in no fixed order.
        assertThat(((String) test.get("scope")).split(" ")).as("scope")
                .containsExactlyInAnyOrder(((String) real.get("scope")).split(" "));
        assertThat(test.get("organization")).as("organization claim").isEqualTo(withoutIds(real.get("organization")));
    }

    @Test
    void aPlainMembersAndThePlatformAdminsTokensMatchToo() {
        var member = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER));
        var testMember = TestTokens.of(TestUser.TENANT_B_MEMBER).claims();
        assertThat(testMember.keySet()).as("claim names").isEqualTo(member.keySet());
        assertThat(testMember.get("organization")).isEqualTo(withoutIds(member.get("organization")));

        var root = KeycloakServer.claims(TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN));
        var testRoot = TestTokens.of(TestUser.PLATFORM_ADMIN).claims();
        assertThat(root.get("organization")).as("a platform admin in no organization")
                .satisfiesAnyOf(claim -> assertThat(claim).isNull(), claim -> assertThat((Map<?, ?>) claim).isEmpty());
        assertThat(testRoot).doesNotContainKey("organization");
        assertThat(testRoot.keySet()).as("claim names").containsAll(root.keySet().stream()
                .filter(claim -> !claim.equals("organization")).toList());
        assertThat(roles(testRoot)).contains("platform-admin");
        assertThat(roles(root)).contains("platform-admin");
    }

    @Test
    void theRefusedVariantsAreShapedAsKeycloakIssuesThem() {
        var user = TestUser.TENANT_A_MEMBER;
        var keycloak = TestKeycloak.get();

        var id = KeycloakServer.claims(keycloak.idToken(user.username(), user.password(), TestKeycloak.CLIENT_ID));
        var testId = TestTokens.of(user).idToken().claims();
        assertThat(testId.get("typ")).isEqualTo(id.get("typ")).isEqualTo("ID");
        assertThat(asList(testId.get("aud"))).isEqualTo(asList(id.get("aud")));

        var adminCli = KeycloakServer.claims(keycloak.accessToken(user.username(), user.password(), "admin-cli"));
        assertThat(adminCli.get("azp")).isEqualTo("admin-cli");
        assertThat(adminCli.get("typ")).isEqualTo("Bearer");

        var otherApp = KeycloakServer.claims(keycloak.accessToken(user.username(), user.password(), "other-app"));
        assertThat(asList(otherApp.get("aud"))).doesNotContain(TestTokens.API_AUDIENCE);
        assertThat(otherApp.get("azp")).isEqualTo("other-app");
    }

    /** Keycloak may add an organization's id and attributes beside its groups and roles; the services ignore them. */
    private static Object withoutIds(Object organization) {
        if (!(organization instanceof Map<?, ?> byAlias)) {
            return organization;
        }
        var copy = new java.util.LinkedHashMap<Object, Object>();
        byAlias.forEach((alias, entry) -> {
            var kept = new java.util.LinkedHashMap<Object, Object>((Map<?, ?>) entry);
            kept.remove("id");
            copy.put(alias, kept);
        });
        return copy;
    }

    private static java.util.List<Object> asList(Object claim) {
        return claim instanceof java.util.List<?> list ? java.util.List.copyOf(list)
                : claim == null ? java.util.List.of() : java.util.List.of(claim);
    }

    private static java.util.List<Object> roles(Map<String, Object> claims) {
        return claims.get("realm_access") instanceof Map<?, ?> access ? asList(access.get("roles")) : java.util.List.of();
    }
}
