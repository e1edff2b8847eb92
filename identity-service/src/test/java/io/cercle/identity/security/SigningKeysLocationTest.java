package io.cercle.identity.security;

import io.cercle.identity.KeycloakBackedTest;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code cercle.security.jwk-set-uri} (KEYCLOAK_JWK_SET_URI, set by the Helm chart when services reach
 * Keycloak on another address than the issuer's), the signing keys come from there and nowhere else: pointed at an
 * address where nothing listens, a valid token from a reachable issuer is answered 503, not accepted. (The system
 * test ChartEnvironmentSystemTest shows the working case: keys fetched from another address than the issuer's.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SigningKeysLocationTest extends KeycloakBackedTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keysWhereNothingListens(DynamicPropertyRegistry registry) {
        registry.add("cercle.security.jwk-set-uri",
                () -> "http://localhost:" + Ports.free() + "/realms/cercle/protocol/openid-connect/certs");
    }

    @Test
    void signingKeysAreFetchedFromTheConfiguredJwkSetUriNotFromTheIssuer() throws Exception {
        String token = TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/session"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
