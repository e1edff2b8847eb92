package io.cercle.identity.member;

import io.cercle.identity.KeycloakBackedTest;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Someone who signed up in Keycloak joins an open tenant of their email domain, with real tokens throughout. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SelfJoinTest extends KeycloakBackedTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Keycloak keycloak;

    @Test
    void aVerifiedRegistrantOfAnAllowedDomainJoinsAndTheirNextTokenNamesTheTenant() throws Exception {
        String tenant = tenant("OPEN_TO_DOMAINS", "open.example");
        String email = "reg-" + UUID.randomUUID().toString().substring(0, 8) + "@open.example";
        String token = signUp(email, true);

        var joined = post("/tenants/" + tenant + "/join", token, null);

        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        String fresh = TestKeycloak.get().accessToken(email, "registrant-password", TestKeycloak.CLIENT_ID);
        assertThat(KeycloakServer.claims(fresh).get("organization"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys(tenant);
    }

    @Test
    void anInvitationOnlyTenantRefusesRegistrants() throws Exception {
        String tenant = tenant("INVITATION_ONLY", "closed.example");
        String token = signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@closed.example", true);

        var refused = post("/tenants/" + tenant + "/join", token, null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("invitation only");
    }

    @Test
    void anotherDomainOrAnUnverifiedEmailIsRefused() throws Exception {
        String tenant = tenant("OPEN_TO_DOMAINS", "mine.example");

        var otherDomain = post("/tenants/" + tenant + "/join",
                signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example", true), null);
        var unverified = post("/tenants/" + tenant + "/join",
                signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@mine.example", false), null);

        assertThat(otherDomain.statusCode()).isEqualTo(403);
        assertThat(otherDomain.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unverified.statusCode()).isEqualTo(403);
        assertThat(unverified.body()).contains("verified");
    }

    private String tenant(String policy, String domain) throws Exception {
        String alias = "t-" + UUID.randomUUID().toString().substring(0, 8);
        var admin = TestKeycloak.accessToken(io.cercle.testsupport.TestUser.PLATFORM_ADMIN);
        var created = post("/tenants", admin, "{\"alias\":\"" + alias + "\",\"name\":\"Open " + alias
                + "\",\"defaultLocale\":\"en\",\"domains\":[\"" + domain + "\"],\"joinPolicy\":\"" + policy + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return alias;
    }

    /** A user who registered in Keycloak by themselves, and their first token (in no organization yet). */
    private String signUp(String email, boolean verified) {
        var user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(verified);
        user.setEnabled(true);
        user.setFirstName("Reg");
        user.setLastName("Istrant");
        var password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("registrant-password");
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (var response = keycloak.realm("cercle").users().create(user)) {
            CreatedResponseUtil.getCreatedId(response);
        }
        return TestKeycloak.get().accessToken(email, "registrant-password", TestKeycloak.CLIENT_ID);
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
