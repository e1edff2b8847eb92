package io.cercle.identity;

import io.cercle.testsupport.TestKeycloak;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one application context of identity-service's full tests, on the real MongoDB-protocol server, broker and
 * Keycloak (the test run's, {@link TestKeycloak}). Every full test uses it as it is: a test that varies
 * {@code @SpringBootTest}, its properties or its mocks gets a context of its own, which costs a start (and runs a
 * second set of schedulers against the same database). So the settings are the union of what the tests need: a real
 * port (for tests that speak HTTP to the service), MockMvc, and Keycloak. What the web layer decides alone (401, 403,
 * 400 of a request body) is checked in {@code @CercleWebMvcTest} slices instead (TenantWebTest, MemberWebTest,
 * InvitationWebTest).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(IdentityServiceTest.TestKeycloakProperties.class)
public @interface IdentityServiceTest {

    /** Points the service at the test run's Keycloak: its Admin API and its tokens' issuer. */
    @TestConfiguration(proxyBeanMethods = false)
    class TestKeycloakProperties {

        @Bean
        static DynamicPropertyRegistrar testKeycloak() {
            return registry -> {
                var keycloak = TestKeycloak.get();
                registry.add("cercle.keycloak.url", keycloak::baseUrl);
                registry.add("cercle.keycloak.realm", keycloak::realm);
                registry.add("cercle.keycloak.admin.username", keycloak::adminUsername);
                registry.add("cercle.keycloak.admin.password", keycloak::adminPassword);
                registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuerUri);
            };
        }
    }
}
