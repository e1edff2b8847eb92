package io.cercle.platform.security.test;

import io.cercle.platform.security.KeycloakTokenConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * Mother of verified Keycloak-shaped authentications for MockMvc slice tests of any service (shipped in
 * service-defaults' test jar). End-to-end tests use real Keycloak tokens instead.
 */
public final class Tokens {

    private Tokens() {
    }

    public static Jwt keycloakJwt(String subject, Object organizationClaim, String... roles) {
        var builder = Jwt.withTokenValue("test-token").header("alg", "RS256").subject(subject)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim("preferred_username", subject + "-name")
                .claim("realm_access", Map.of("roles", List.of(roles)));
        if (organizationClaim != null) {
            builder.claim("organization", organizationClaim);
        }
        return builder.build();
    }

    public static RequestPostProcessor member(String tenant, String... roles) {
        return authentication(authenticationOf(keycloakJwt("member-1", List.of(tenant), roles)));
    }

    public static Authentication authenticationOf(Jwt jwt) {
        return new KeycloakTokenConverter().convert(jwt);
    }
}
