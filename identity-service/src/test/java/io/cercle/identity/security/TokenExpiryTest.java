package io.cercle.identity.security;

import io.cercle.identity.KeycloakBackedTest;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Keycloak token is accepted while it lives and refused with a 401 problem once it has expired (beyond the
 * configured clock skew, 0 here so that the test is quick), through the service's real token decoder; and only an
 * access token for the Cercle API from an allowed client opens it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cercle.security.clock-skew=0s", "cercle.security.allowed-clients=cercle-web,cercle-short-lived"})
class TokenExpiryTest extends KeycloakBackedTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aTokenIsAcceptedWhileValidAndRefusedOnceExpired() throws Exception {
        String token = TestKeycloak.shortLivedAccessToken(TestUser.TENANT_A_MEMBER);

        assertThat(session(token).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> session(token), response -> response.statusCode() == 401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void onlyAccessTokensForTheApiFromAnAllowedClientAreAccepted() throws Exception {
        var user = TestUser.TENANT_A_MEMBER;
        var keycloak = TestKeycloak.get();

        assertThat(session(TestKeycloak.accessToken(user)).statusCode()).isEqualTo(200);
        assertThat(session(keycloak.idToken(user.username(), user.password(), TestKeycloak.CLIENT_ID)).statusCode())
                .as("an ID token").isEqualTo(401);
        assertThat(session(keycloak.accessToken(user.username(), user.password(), "admin-cli")).statusCode())
                .as("a token of admin-cli").isEqualTo(401);
        assertThat(session(keycloak.accessToken(user.username(), user.password(), "other-app")).statusCode())
                .as("a token of another audience and client").isEqualTo(401);
    }

    private HttpResponse<String> session(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/session"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
