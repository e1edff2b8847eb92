package io.cercle.identity.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How identity-service reaches Keycloak's Admin API ({@code cercle.keycloak.*}).
 *
 * @param url   Keycloak's base URL
 * @param realm the realm holding Cercle's users and organizations
 * @param admin who identity-service is to Keycloak: a confidential client of {@code admin.realm} with a client
 *              secret (production: a service account with realm-management roles), or a user and password
 *              (local run and tests: the bootstrap admin of the master realm)
 */
@ConfigurationProperties("cercle.keycloak")
public record KeycloakProperties(@DefaultValue("http://localhost:8180") String url,
                                 @DefaultValue("cercle") String realm,
                                 @DefaultValue Admin admin) {

    public record Admin(@DefaultValue("master") String realm,
                        @DefaultValue("admin-cli") String clientId,
                        String clientSecret,
                        String username,
                        String password) {

        boolean usesClientCredentials() {
            return clientSecret != null && !clientSecret.isBlank();
        }
    }
}
