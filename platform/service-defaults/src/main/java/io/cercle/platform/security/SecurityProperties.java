package io.cercle.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Which access tokens a service accepts and what it serves without one ({@code cercle.security.*}; the issuer is
 * Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}). Defaults and their environment variables
 * are in cercle-defaults.properties.
 *
 * @param jwkSetUri      where the signing keys are when the issuer's URL must not be used (e.g. Keycloak's
 *                       in-cluster Service); empty: discovered from the issuer
 * @param clockSkew      tolerance for clock differences when checking a token's expiry
 * @param audience       what the token's {@code aud} must contain
 * @param allowedClients the clients ({@code azp}) whose tokens are accepted
 * @param publicPaths    the service's own paths served without a token, besides the shared ones ({@link PublicPaths})
 */
@ConfigurationProperties("cercle.security")
public record SecurityProperties(@DefaultValue("") String jwkSetUri,
                                 @DefaultValue("60s") Duration clockSkew,
                                 @DefaultValue("cercle-api") String audience,
                                 @DefaultValue("cercle-web") List<String> allowedClients,
                                 @DefaultValue("") List<String> publicPaths) {

    /** The service's own public paths, blanks (an empty variable) left out. */
    public List<String> servicePublicPaths() {
        return publicPaths.stream().filter(path -> !path.isBlank()).toList();
    }
}
