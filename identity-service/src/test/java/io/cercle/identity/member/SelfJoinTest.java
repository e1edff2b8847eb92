package io.cercle.identity.member;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Someone who signed up in Keycloak joins an open tenant of their email domain, with real tokens throughout. */
@IdentityServiceTest
class SelfJoinTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Keycloak keycloak;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aVerifiedRegistrantOfAnAllowedDomainJoinsAndTheirNextTokenNamesTheTenant() throws Exception {
        String domain = domain();
        String tenant = tenant("OPEN_TO_DOMAINS", domain);
        String email = "reg-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        String token = signUp(email, true);

        var joined = post("/tenants/" + tenant + "/join", token, null);

        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        String fresh = TestKeycloak.get().accessToken(email, "registrant-password", TestKeycloak.CLIENT_ID);
        assertThat(KeycloakServer.claims(fresh).get("organization"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys(tenant);
    }

    @Test
    void anUnknownTenantAnInvitationOnlyOneAndOneOpenToOtherDomainsAnswerAlike() throws Exception {
        String domain = domain();
        String closed = tenant("INVITATION_ONLY", domain);
        String openToOthers = tenant("OPEN_TO_DOMAINS", domain());
        String unknown = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String token = signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain, true);

        var toUnknown = post("/tenants/" + unknown + "/join", token, null);
        var toClosed = post("/tenants/" + closed + "/join", token, null);
        var toOpenToOthers = post("/tenants/" + openToOthers + "/join", token, null);

        // Same status, same problem: nobody learns from the answer whether a tenant exists or whom it admits.
        assertThat(toUnknown.statusCode()).as(toUnknown.body()).isEqualTo(404);
        assertThat(toUnknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(toUnknown.body()).contains("ask its admins for an invitation");
        assertThat(alike(toClosed, closed)).isEqualTo(alike(toUnknown, unknown));
        assertThat(alike(toOpenToOthers, openToOthers)).isEqualTo(alike(toUnknown, unknown));
    }

    @Test
    void aDomainAwaitingApprovalOpensNothing() throws Exception {
        String tenant = tenant("OPEN_TO_DOMAINS", domain());
        String asked = domain();
        // What PUT /tenant records for a tenant admin's new domain until a platform admin approves it.
        mongo.updateFirst(query(where("_id").is(tenant)), new Update().push("pendingDomains",
                new Document("domain", asked).append("requestedBy", "admin").append("requestedAt", new Date())),
                "tenants");
        String token = signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@" + asked, true);

        var refused = post("/tenants/" + tenant + "/join", token, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(refused.body()).contains("ask its admins for an invitation");
    }

    @Test
    void anUnverifiedEmailIsRefusedWhateverTheTenant() throws Exception {
        String domain = domain();
        String tenant = tenant("OPEN_TO_DOMAINS", domain);
        String token = signUp("reg-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain, false);

        var toOpen = post("/tenants/" + tenant + "/join", token, null);
        var toUnknown = post("/tenants/t-" + UUID.randomUUID().toString().substring(0, 8) + "/join", token, null);

        assertThat(toOpen.statusCode()).isEqualTo(403);
        assertThat(toOpen.body()).contains("verified");
        assertThat(toUnknown.statusCode()).isEqualTo(403);
        assertThat(toUnknown.body()).contains("verified");
    }

    /** The answer with the tenant's alias (which the caller wrote in the path) taken out. */
    private static String alike(HttpResponse<String> response, String alias) {
        return response.statusCode() + " " + response.body().replace(alias, "{alias}");
    }

    /** A domain of its own for each tenant: Keycloak (one per build) keeps every domain once taken. */
    private static String domain() {
        return "d-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
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
