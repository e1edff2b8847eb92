package io.cercle.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakTokenConverterTest {

    private final KeycloakTokenConverter converter = new KeycloakTokenConverter();

    @Test
    void theTenantsRolesBecomeRoleAuthoritiesAndNamingTheTenantMakesAMember() {
        var authentication = converter.convert(keycloakJwt("u1", List.of("acme"), "tenant-admin"));

        assertThat(authentication.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_member", "ROLE_tenant-admin");
        assertThat(authentication.member().roles()).containsExactlyInAnyOrder("member", "tenant-admin");
        assertThat(authentication.member().tenantId()).contains("acme");
        assertThat(authentication.member().memberId()).isEqualTo("u1");
        assertThat(authentication.member().username()).isEqualTo("u1-name");
    }

    @Test
    void tenantAdminFromTopLevelRolesOrTheRealmIsIgnored() {
        var member = converter.convert(token(Map.of(
                "organization", Map.of("acme", Map.of("groups", List.of())),
                "realm_access", Map.of("roles", List.of("tenant-admin", "member")),
                "resource_access", Map.of("cercle-api", Map.of("roles", List.of("tenant-admin")))))).member();

        assertThat(member.tenantId()).contains("acme");
        assertThat(member.roles()).containsExactly("member");
    }

    @Test
    void aRoleHeldInAnotherOrganizationDoesNotCountInTheNamedOne() {
        // organization:* for someone admin of globex and member of acme: two entries, so no tenant and no role.
        var member = converter.convert(token(Map.of("organization", Map.of(
                "acme", Map.of("groups", List.of()),
                "globex", Map.of("resource_access", Map.of("cercle-api", Map.of("roles", List.of("tenant-admin")))))))
        ).member();

        assertThat(member.tenantId()).isEmpty();
        assertThat(member.roles()).isEmpty();
        assertThatThrownBy(member::requireTenant).isInstanceOf(NoTenantException.class)
                .hasMessageContaining("organization:<alias>");
    }

    @Test
    void anOrganizationAttributeNamedLikeAClaimIsNotMistakenForRoles() {
        // An organization attribute "resource_access" arrives as a list of strings, not a map.
        var member = converter.convert(token(Map.of("organization",
                Map.of("acme", Map.of("resource_access", List.of("tenant-admin")))))).member();

        assertThat(member.roles()).containsExactly("member");
    }

    @Test
    void theOrganizationListOfAliasesNamesTheTenantWithoutTenantRoles() {
        var member = converter.convert(token(Map.of("organization", List.of("acme")))).member();

        assertThat(member.tenantId()).contains("acme");
        assertThat(member.roles()).containsExactly("member");
    }

    @Test
    void anEmptyOrganizationMapNamesNoTenant() {
        // What a member of two organizations gets from the plain "organization" scope.
        var member = converter.convert(token(Map.of("organization", Map.of()))).member();

        assertThat(member.tenantId()).isEmpty();
        assertThat(member.roles()).isEmpty();
    }

    @Test
    void platformAdminIsTheOneRealmRoleReadAndNamesNoTenant() {
        var member = converter.convert(keycloakJwt("admin", null, "platform-admin")).member();

        assertThat(member.roles()).containsExactly("platform-admin");
        assertThat(member.tenantId()).isEmpty();
        assertThatThrownBy(member::requireTenant).isInstanceOf(NoTenantException.class);
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u1").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
