package io.cercle.platform.security.test;

import io.cercle.platform.security.CurrentMember;
import io.cercle.platform.security.KeycloakTokenConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * Mother of verified Keycloak-shaped authentications for MockMvc slice tests of any service (shipped in
 * service-defaults' test jar), shaped as the realm issues them (docs/adr/0009): an access token ({@code typ}
 * Bearer) for the Cercle API ({@code aud}) from client cercle-web, the tenant as a one-key {@code organization}
 * map whose entry carries the tenant roles, {@code platform-admin} as a realm role. End-to-end tests use real
 * Keycloak tokens instead.
 */
public final class Tokens {

    private Tokens() {
    }

    /**
     * @param organizationClaim the {@code organization} claim: a tenant alias, a collection of aliases, a ready-made
     *                          map, or null for none. Aliases become Keycloak's map, each entry carrying
     *                          {@code roles}' tenant roles.
     * @param roles             {@code member}, {@code tenant-admin}, {@code platform-admin}: where each lives in
     *                          the token is decided here, as Keycloak would
     */
    public static Jwt keycloakJwt(String subject, Object organizationClaim, String... roles) {
        List<String> all = Arrays.asList(roles);
        List<String> tenantRoles = all.contains(CurrentMember.TENANT_ADMIN)
                ? List.of(CurrentMember.TENANT_ADMIN) : List.of();
        List<String> realmRoles = new ArrayList<>(List.of("offline_access", "default-roles-cercle"));
        if (all.contains(CurrentMember.PLATFORM_ADMIN)) {
            realmRoles.add(CurrentMember.PLATFORM_ADMIN);
        }
        var builder = Jwt.withTokenValue("test-token").header("alg", "RS256").subject(subject)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim("typ", "Bearer").claim("azp", "cercle-web").audience(List.of(KeycloakTokenConverter.API_CLIENT))
                .claim("preferred_username", subject + "-name")
                .claim("realm_access", Map.of("roles", realmRoles));
        if (organizationClaim != null) {
            builder.claim("organization", organizations(organizationClaim, tenantRoles));
        }
        return builder.build();
    }

    private static Object organizations(Object claim, List<String> tenantRoles) {
        Collection<?> aliases = switch (claim) {
            case String alias -> List.of(alias);
            case Collection<?> list -> list;
            default -> null;
        };
        if (aliases == null) {
            return claim;
        }
        Map<String, Object> byAlias = new LinkedHashMap<>();
        for (Object alias : aliases) {
            byAlias.put(String.valueOf(alias), Map.of("groups", tenantRoles.isEmpty() ? List.of() : List.of("/admins"),
                    "resource_access", Map.of(KeycloakTokenConverter.API_CLIENT, Map.of("roles", tenantRoles))));
        }
        return byAlias;
    }

    public static RequestPostProcessor member(String tenant, String... roles) {
        return authentication(authenticationOf(keycloakJwt("member-1", List.of(tenant), roles)));
    }

    public static Authentication authenticationOf(Jwt jwt) {
        return new KeycloakTokenConverter().convert(jwt);
    }
}
