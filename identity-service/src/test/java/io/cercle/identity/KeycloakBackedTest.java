package io.cercle.identity;

import io.cercle.testsupport.TestKeycloak;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tests of features that drive Keycloak: identity-service pointed at the real Keycloak of the test run. */
public abstract class KeycloakBackedTest {

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        var keycloak = TestKeycloak.get();
        registry.add("cercle.keycloak.url", keycloak::baseUrl);
        registry.add("cercle.keycloak.realm", keycloak::realm);
        registry.add("cercle.keycloak.admin.username", keycloak::adminUsername);
        registry.add("cercle.keycloak.admin.password", keycloak::adminPassword);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuerUri);
    }
}
