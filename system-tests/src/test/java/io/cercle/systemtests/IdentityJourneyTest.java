package io.cercle.systemtests;

import io.cercle.devstack.DemoUser;
import io.cercle.devstack.DevStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first journey across the suite, through the gateway with real Keycloak tokens: a platform admin creates two
 * tenants and invites their admins; tenant A's admin invites a member, who accepts, signs in with a token naming
 * tenant A, edits their profile and gets exactly one welcome email. Tenants cannot see each other; roles hold;
 * bad tokens and forged tenants get nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityJourneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DevStack stack;
    private String tenantA;
    private String tenantB;
    private String adminA;
    private String adminBId;
    private String memberEmail;
    private String member;
    private String memberId;

    @BeforeAll
    void twoTenantsAndAMember() throws Exception {
        stack = RunningSuite.get();
        String platformAdmin = stack.accessToken(DemoUser.ADMIN);
        tenantA = "a-" + UUID.randomUUID().toString().substring(0, 8);
        tenantB = "b-" + UUID.randomUUID().toString().substring(0, 8);
        for (String alias : new String[]{tenantA, tenantB}) {
            var created = call("POST", "/api/identity/tenants", platformAdmin,
                    "{\"alias\":\"" + alias + "\",\"name\":\"Company " + alias + "\",\"defaultLocale\":\"fr\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        adminA = signIn(join(platformAdmin, "/api/identity/tenants/" + tenantA + "/invitations", "tenant_admin",
                "Alice Admin", "en"));
        String adminB = signIn(join(platformAdmin, "/api/identity/tenants/" + tenantB + "/invitations",
                "tenant_admin", "Bruno Admin", "fr"));
        adminBId = String.valueOf(claims(adminB).get("sub"));
        memberEmail = join(adminA, "/api/identity/invitations", "member", "Marie Curie", "fr");
        member = signIn(memberEmail);
        memberId = String.valueOf(claims(member).get("sub"));
    }

    @Test
    void theMembersTokenCarriesTenantAAndTheirProfileCanBeReadAndEdited() throws Exception {
        assertThat(String.valueOf(claims(member).get("organization"))).contains(tenantA);

        var me = call("GET", "/api/identity/me", member, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("displayName").asString()).isEqualTo("Marie Curie");
        assertThat(json(me).get("tenantId").asString()).isEqualTo(tenantA);

        var edited = call("PUT", "/api/identity/me", member, "{\"displayName\":\"Marie Skłodowska-Curie\","
                + "\"jobTitle\":\"Physicist\",\"locale\":\"fr\",\"expertise\":[\"radioactivity\"],\"interests\":[\"chemistry\"]}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(call("GET", "/api/identity/me", member, null)).get("jobTitle").asString())
                .isEqualTo("Physicist");
    }

    @Test
    void theInvitationAndTheWelcomeEmailsArriveExactlyOnceEach() throws Exception {
        JsonNode inbox = await().atMost(Duration.ofSeconds(60)).until(() -> mails(memberEmail),
                mails -> mails.size() >= 2);
        assertThat(inbox).hasSize(2);
        var subjects = new java.util.ArrayList<String>();
        inbox.forEach(mail -> subjects.add(mail.get("subject").asString()));
        assertThat(subjects).filteredOn(subject -> subject.startsWith("Bienvenue")).hasSize(1);
        assertThat(subjects).filteredOn(subject -> subject.startsWith("Invitation")).hasSize(1);
        assertThat(inbox.toString()).contains("Company " + tenantA).contains("accept-invitation");
    }

    @Test
    void tenantAsAdminCannotSeeOrChangeTenantBsMembers() throws Exception {
        assertThat(call("GET", "/api/identity/members/" + adminBId, adminA, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/identity/members/" + adminBId + "/suspension", adminA, "{}").statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/identity/members/" + adminBId, adminA, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/identity/members", adminA, null).body()).doesNotContain(adminBId);
    }

    @Test
    void aMemberCannotCallAdminEndpoints() throws Exception {
        var invite = call("POST", "/api/identity/invitations", member, "{\"email\":\"x@example.org\"}");
        assertThat(invite.statusCode()).isEqualTo(403);
        assertThat(invite.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(call("POST", "/api/identity/tenants", member,
                "{\"alias\":\"sneaky\",\"name\":\"Sneaky\",\"defaultLocale\":\"en\"}").statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/identity/members/" + adminBId, member, null).statusCode()).isEqualTo(403);
    }

    @Test
    void noTokenOrATamperedTokenGets401() throws Exception {
        assertThat(call("GET", "/api/identity/me", null, null).statusCode()).isEqualTo(401);
        String[] parts = member.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(tenantA, tenantB);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(call("GET", "/api/identity/me", tampered, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenGets401() throws Exception {
        // A client of the local realm whose tokens live 5 s; the local run tolerates 5 s of clock skew.
        String shortLived = stack.keycloak().accessToken(memberEmail, password(memberEmail), "cercle-short-lived");
        assertThat(call("GET", "/api/identity/me", shortLived, null).statusCode()).isEqualTo(200);

        var refused = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> call("GET", "/api/identity/me", shortLived, null), response -> response.statusCode() == 401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aTenantForgedInAHeaderTheBodyOrThePathIsIgnored() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/identity/me"))
                .header("Authorization", "Bearer " + member).header("X-Tenant-Id", tenantB)
                .header("X-Organization", tenantB).GET().build();
        var me = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(json(me).get("tenantId").asString()).isEqualTo(tenantA);

        var forgedBody = call("PUT", "/api/identity/me", member, "{\"displayName\":\"Marie\",\"locale\":\"fr\","
                + "\"tenantId\":\"" + tenantB + "\"}");
        assertThat(forgedBody.statusCode()).isEqualTo(400);
        assertThat(json(forgedBody).at("/errors/0/field").asString()).isEqualTo("tenantId");

        assertThat(call("GET", "/api/identity/tenants/" + tenantB, member, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/identity/members/" + adminBId + "?tenant=" + tenantB, member, null)
                .statusCode()).isEqualTo(404);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Invites a fresh email through {@code invitePath}, accepts the invitation; returns the email. */
    private String join(String inviterToken, String invitePath, String role, String name, String locale) throws Exception {
        String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@journey.example";
        var invited = call("POST", invitePath, inviterToken, "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        var accepted = call("POST", "/api/identity/invitations/accept", null, "{\"token\":\""
                + json(invited).get("token").asString() + "\",\"displayName\":\"" + name + "\",\"password\":\""
                + password(email) + "\",\"locale\":\"" + locale + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return email;
    }

    private String signIn(String email) {
        return stack.keycloak().accessToken(email, password(email), "cercle-web");
    }

    private static String password(String email) {
        return "journey-" + Math.abs(email.hashCode()) + "-password";
    }

    private JsonNode mails(String email) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(stack.mailApiUrl() + "/api/user/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Map<String, Object> claims(String token) {
        return io.cercle.testsupport.KeycloakServer.claims(token);
    }
}
