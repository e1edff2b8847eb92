package io.cercle.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenValidationTest {

    private static final String ISSUER = "http://keycloak.test/realms/cercle";
    private final OAuth2TokenValidator<Jwt> validator = TokenValidation.validator(ISSUER, Duration.ofSeconds(5),
            "cercle-api", List.of("cercle-web", " cercle-short-lived "));

    @Test
    void anAccessTokenForTheApiFromAnAllowedClientIsValid() {
        assertThat(validator.validate(token(Map.of())).hasErrors()).isFalse();
        assertThat(validator.validate(token(Map.of("azp", "cercle-short-lived"))).hasErrors()).isFalse();
    }

    @Test
    void anIdTokenIsRefused() {
        assertThat(validator.validate(token(Map.of("typ", "ID"))).hasErrors()).isTrue();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(validator.validate(token(Map.of("aud", List.of("account")))).hasErrors()).isTrue();
    }

    @Test
    void aTokenOfAnotherClientIsRefused() {
        assertThat(validator.validate(token(Map.of("azp", "admin-cli"))).hasErrors()).isTrue();
    }

    @Test
    void aTokenWithoutTypeAudienceOrClientIsRefused() {
        for (String missing : List.of("typ", "aud", "azp")) {
            var claims = new HashMap<String, Object>(base());
            claims.remove(missing);
            var jwt = Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
            assertThat(validator.validate(jwt).hasErrors()).as("without " + missing).isTrue();
        }
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertThat(validator.validate(token(Map.of("iss", "http://elsewhere/realms/cercle"))).hasErrors()).isTrue();
    }

    private static Jwt token(Map<String, Object> overrides) {
        var claims = new HashMap<String, Object>(base());
        claims.putAll(overrides);
        return Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
    }

    private static Map<String, Object> base() {
        return Map.of("iss", ISSUER, "sub", "u1", "typ", "Bearer", "aud", List.of("cercle-api", "account"),
                "azp", "cercle-web", "iat", Instant.now(), "exp", Instant.now().plusSeconds(60));
    }
}
