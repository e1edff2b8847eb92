package io.cercle.systemtests;

import io.cercle.devstack.DemoUser;
import io.cercle.devstack.DevStack;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first journey across the suite, through the gateway with real Keycloak tokens: a platform admin creates two
 * tenants and invites their admins; tenant A's admin invites a member. Each invitee registers in Keycloak (created
 * here through its admin API, as registration would), finds the link in their mailbox (GreenMail), accepts it
 * signed in, signs in with a token naming tenant A, edits their profile and gets exactly one welcome email.
 * Tenants cannot see each other; B's admin cannot attach A's member or the platform admin by inviting their
 * address; roles hold; bad tokens and forged tenants get nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityJourneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DevStack stack;
    private String tenantA;
    private String tenantB;
    private String adminA;
    private String adminB;
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
        adminB = signIn(join(platformAdmin, "/api/identity/tenants/" + tenantB + "/invitations",
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
        // Joined by invitation: the explicit creation step has nothing to create and answers the profile as it is.
        var created = call("POST", "/api/identity/me", member, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).get("memberId").asString()).isEqualTo(memberId);

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

    @Test
    void anAdminOfBCannotAttachAMemberOfAOrThePlatformAdminAndTheOwnerJoinsBWithTheirOwnSignIn() throws Exception {
        String victimEmail = join(adminA, "/api/identity/invitations", "member", "Victor Hugo", "fr");
        String victimId = String.valueOf(claims(signIn(victimEmail)).get("sub"));
        String platformAdminEmail = "admin@demo.cercle.test";

        for (String email : new String[]{victimEmail, platformAdminEmail}) {
            var invited = call("POST", "/api/identity/invitations", adminB, "{\"email\":\"" + email + "\"}");
            assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
            assertThat(json(invited).has("token")).as("the answer carries no token").isFalse();
            // Even holding the emailed token, B's admin signed in as themselves is refused.
            String token = invitationToken(email, "Company " + tenantB);
            assertThat(invited.body()).doesNotContain(token);
            var hijack = call("POST", "/api/identity/invitations/accept", adminB, "{\"token\":\"" + token + "\"}");
            assertThat(hijack.statusCode()).as(hijack.body()).isEqualTo(403);
            assertThat(hijack.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }

        assertThat(call("GET", "/api/identity/members?size=100", adminB, null).body()).doesNotContain(victimId);
        // Nor can B's admin suspend, promote or erase them: in tenant B they do not exist.
        assertThat(call("POST", "/api/identity/members/" + victimId + "/suspension", adminB, null).statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", "/api/identity/members/" + victimId + "/roles/tenant-admin", adminB, null)
                .statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/identity/members/" + victimId, adminB, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/identity/me", signIn(victimEmail), null).statusCode()).isEqualTo(200);
        assertThat(String.valueOf(claims(signIn(victimEmail)).get("organization"))).contains(tenantA)
                .doesNotContain(tenantB);
        assertThat(String.valueOf(claims(stack.accessToken(DemoUser.ADMIN)).get("organization")))
                .doesNotContain(tenantB);
        assertThat(call("GET", "/api/identity/members/" + victimId, adminA, null).statusCode()).isEqualTo(200);

        // The owner of the address accepts with their own sign-in and is then a member of both tenants.
        var accepted = call("POST", "/api/identity/invitations/accept", signIn(victimEmail),
                "{\"token\":\"" + invitationToken(victimEmail, "Company " + tenantB) + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).get("tenantId").asString()).isEqualTo(tenantB);
        assertThat(call("GET", "/api/identity/members/" + victimId, adminB, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/identity/members/" + victimId, adminA, null).statusCode()).isEqualTo(200);
    }

    @Test
    void someoneInBothTenantsChoosesOneAtLoginAndEachTenantsAdminActsOnlyInTheirs() throws Exception {
        String email = join(adminA, "/api/identity/invitations", "member", "Paula Partner", "en");
        String personId = String.valueOf(claims(signIn(email)).get("sub"));
        var invited = call("POST", "/api/identity/invitations", adminB, "{\"email\":\"" + email + "\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        var accepted = call("POST", "/api/identity/invitations/accept", signIn(email),
                "{\"token\":\"" + invitationToken(email, "Company " + tenantB) + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        // Without a choice the token names no tenant: a 403 that says how to choose, and the list to choose from.
        var unchosen = call("GET", "/api/identity/me", signIn(email), null);
        assertThat(unchosen.statusCode()).as(unchosen.body()).isEqualTo(403);
        assertThat(json(unchosen).get("howToChoose").asString()).contains("organization:<alias>");
        var mine = call("GET", "/api/identity/me/tenants", signIn(email), null);
        assertThat(json(mine).valueStream().map(tenant -> tenant.get("alias").asString()).toList())
                .containsExactlyInAnyOrder(tenantA, tenantB);
        assertThat(json(call("GET", "/api/identity/me", signIn(email, tenantB), null)).get("tenantId").asString())
                .isEqualTo(tenantB);

        // B's admin makes them admin of B: B's token carries the role, A's does not, and it acts in B only.
        assertThat(call("PUT", "/api/identity/members/" + personId + "/roles/tenant-admin", adminB, null).statusCode())
                .isEqualTo(200);
        assertThat(roles(signIn(email, tenantB))).containsExactlyInAnyOrder("member", "tenant-admin");
        assertThat(roles(signIn(email, tenantA))).containsExactly("member");
        assertThat(call("POST", "/api/identity/invitations", signIn(email, tenantA),
                "{\"email\":\"nobody@journey.example\"}").statusCode()).isEqualTo(403);
        // Revoked: gone at the next token.
        assertThat(call("DELETE", "/api/identity/members/" + personId + "/roles/tenant-admin", adminB, null)
                .statusCode()).isEqualTo(200);
        assertThat(roles(signIn(email, tenantB))).containsExactly("member");

        // Suspended, then erased, in B: their account and their place in A stay.
        assertThat(call("POST", "/api/identity/members/" + personId + "/suspension", adminB, null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/identity/me", signIn(email, tenantA), null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/identity/members/" + personId, adminB, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/identity/me", signIn(email), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/identity/members/" + personId, adminA, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminWhoLeavesTheirTenantHoldsNoAdminRightAnywhere() throws Exception {
        String email = join(adminA, "/api/identity/invitations", "tenant_admin", "Lionel Leaving", "fr");
        assertThat(roles(signIn(email))).containsExactlyInAnyOrder("member", "tenant-admin");

        assertThat(call("DELETE", "/api/identity/me/membership", signIn(email), null).statusCode()).isEqualTo(204);

        String after = signIn(email);
        assertThat(roles(after)).isEmpty();
        assertThat(call("POST", "/api/identity/invitations", after, "{\"email\":\"nobody@journey.example\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/notifications/deliveries", after, null).statusCode()).isEqualTo(403);
    }

    @Test
    void acceptingAnInvitationWithoutSigningInGets401() throws Exception {
        var refused = call("POST", "/api/identity/invitations/accept", null, "{\"token\":\"anything\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /**
     * A fresh person registers in Keycloak, is invited through {@code invitePath}, finds the link in their mailbox
     * and accepts it signed in; returns their email.
     */
    private String join(String inviterToken, String invitePath, String role, String name, String locale) throws Exception {
        String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@journey.example";
        register(email, name);
        var invited = call("POST", invitePath, inviterToken, "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(json(invited).has("token")).as("the answer carries no token").isFalse();
        var accepted = call("POST", "/api/identity/invitations/accept", signIn(email), "{\"token\":\""
                + invitationToken(email, null) + "\",\"displayName\":\"" + name + "\",\"locale\":\"" + locale + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return email;
    }

    /** An account as Keycloak's registration makes it (verified email), through Keycloak's admin API. */
    private void register(String email, String name) throws Exception {
        var adminToken = http.send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl()
                                + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                                + stack.keycloak().adminUsername() + "&password="
                                + URLEncoder.encode(stack.keycloakAdminPassword(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(adminToken.statusCode()).as(adminToken.body()).isEqualTo(200);
        int space = name.lastIndexOf(' ');
        var user = JSON.createObjectNode().put("username", email).put("email", email).put("emailVerified", true)
                .put("enabled", true).put("firstName", name.substring(0, space)).put("lastName", name.substring(space + 1));
        user.putArray("credentials").addObject().put("type", "password").put("value", password(email))
                .put("temporary", false);
        var created = http.send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/"
                                + stack.realm() + "/users"))
                        .header("Authorization", "Bearer " + json(adminToken).get("access_token").asString())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(user.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /**
     * The token of the invitation in {@code email}'s mailbox (of the tenant named {@code tenantName}, or any), read
     * from the link in the email's text part as the invitee would follow it.
     */
    private String invitationToken(String email, String tenantName) {
        String text = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode mail : mails(email)) {
                var message = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(mail.get("mimeMessage").asString().getBytes(StandardCharsets.UTF_8)));
                String body = plainText(message);
                if (body != null && body.contains("accept-invitation?token=")
                        && (tenantName == null || message.getSubject().contains(tenantName))) {
                    return body;
                }
            }
            return null;
        }, found -> found != null);
        Matcher link = Pattern.compile("accept-invitation\\?token=([A-Za-z0-9._~%-]+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private String signIn(String email) {
        return stack.keycloak().accessToken(email, password(email), "cercle-web");
    }

    /** Signing in for one tenant, as someone in several does (docs/adr/0009). */
    private String signIn(String email, String tenant) {
        return stack.keycloak().accessTokenWithScope(email, password(email), "cercle-web", "organization:" + tenant);
    }

    /** The roles identity-service sees in this token. */
    private java.util.List<String> roles(String token) throws Exception {
        var session = call("GET", "/api/identity/session", token, null);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        return json(session).get("roles").valueStream().map(JsonNode::asString).toList();
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
