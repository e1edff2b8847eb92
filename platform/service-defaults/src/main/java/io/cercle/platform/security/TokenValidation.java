package io.cercle.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Duration;

/**
 * What a token must satisfy besides its signature: our issuer, and not expired (nor used before its time) beyond
 * {@code cercle.security.clock-skew}, the tolerated drift between Keycloak's clock and ours.
 */
final class TokenValidation {

    private TokenValidation() {
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer));
    }
}
