package io.cercle.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a token must satisfy besides its signature: our issuer; not expired (nor used before its time) beyond
 * {@code cercle.security.clock-skew}; an <em>access</em> token ({@code typ} Bearer: an ID or refresh token of the
 * same realm is refused); meant for the Cercle API ({@code aud} holds {@code cercle.security.audience}); and issued
 * to one of the allowed clients ({@code azp} in {@code cercle.security.allowed-clients}), so that a token obtained
 * through another client of the realm (e.g. {@code admin-cli}) opens nothing here.
 */
final class TokenValidation {

    static final String ACCESS_TOKEN_TYPE = "Bearer";

    private TokenValidation() {
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew, String audience,
                                               Collection<String> allowedClients) {
        Set<String> clients = Set.copyOf(allowedClients.stream().map(String::strip).filter(c -> !c.isEmpty()).toList());
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<String>("typ", ACCESS_TOKEN_TYPE::equals),
                new JwtClaimValidator<Object>("aud", aud -> aud instanceof Collection<?> audiences
                        ? audiences.contains(audience) : audience.equals(aud)),
                new JwtClaimValidator<String>("azp", azp -> azp != null && clients.contains(azp))));
    }
}
