package io.cercle.identity.keycloak;

import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Admin API client; it connects on first use, so identity-service starts while Keycloak is down. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
class KeycloakConfiguration {

    @Bean(destroyMethod = "close")
    Keycloak keycloakAdminClient(KeycloakProperties properties) {
        var admin = properties.admin();
        var builder = KeycloakBuilder.builder()
                .serverUrl(properties.url())
                .realm(admin.realm())
                .clientId(admin.clientId());
        if (admin.usesClientCredentials()) {
            builder.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientSecret(admin.clientSecret());
        } else {
            builder.grantType(OAuth2Constants.PASSWORD).username(admin.username()).password(admin.password());
        }
        return builder.build();
    }

    @Bean
    KeycloakDirectory keycloakDirectory(Keycloak keycloak, KeycloakProperties properties) {
        return new KeycloakDirectory(keycloak, properties.realm());
    }
}
