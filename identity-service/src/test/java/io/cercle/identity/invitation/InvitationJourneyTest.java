package io.cercle.identity.invitation;

import io.cercle.identity.EventTap;
import io.cercle.identity.IdentityMother;
import io.cercle.identity.KeycloakBackedTest;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * From invitation to profile against the real Keycloak: a tenant admin invites, the invitee accepts, signs in
 * with a real token that names the tenant, and edits their profile; MemberJoined is published once.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InvitationJourneyTest extends KeycloakBackedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;

    private String tenant;
    private RequestPostProcessor tenantAdmin;
    private EventTap tap;

    @BeforeEach
    void aTenantWithItsAdmin() throws Exception {
        tap = EventTap.on(admin, rabbit, "identity.member.*");
        tenant = new IdentityMother(mvc).tenant();
        tenantAdmin = IdentityMother.as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }

    @Test
    void anInviteeAcceptsSignsInWithATokenNamingTheTenantAndEditsTheirProfile() throws Exception {
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String token = invite(email);

        JsonNode accepted = JSON.readTree(mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                        .content(acceptBody(token, "Ada Lovelace", "correct horse battery", "en")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andReturn().getResponse().getContentAsString());
        String memberId = accepted.get("memberId").asString();

        // Signing in with the invited email gives a real token that names the tenant and the member role.
        KeycloakServer keycloak = TestKeycloak.get();
        Map<String, Object> claims = KeycloakServer.claims(keycloak.accessToken(email, "correct horse battery",
                TestKeycloak.CLIENT_ID));
        assertThat(claims.get("sub")).isEqualTo(memberId);
        // Naming the tenant is what makes a member (docs/adr/0009); no realm role is granted.
        assertThat(claims.get("organization")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys(tenant);
        assertThat(String.valueOf(claims.get("realm_access"))).doesNotContain("member", "tenant-admin");

        JsonNode joined = awaitEvent("identity.member.joined", memberId);
        assertThat(joined.at("/data/email").asString()).isEqualTo(email);
        assertThat(joined.at("/data/displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(joined.at("/data/locale").asString()).isEqualTo("en");
        assertThat(joined.at("/data/joinedVia").asString()).isEqualTo("invitation");
        assertThat(joined.get("tenantId").asString()).isEqualTo(tenant);

        var asMember = IdentityMother.as(memberId, tenant, "member");
        mvc.perform(get("/me").with(asMember))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada Lovelace"))
                .andExpect(jsonPath("$.email").value(email));
        mvc.perform(put("/me").with(asMember).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Ada L.\",\"jobTitle\":\"Analyst\",\"bio\":\"Engines\","
                                + "\"locale\":\"fr\",\"expertise\":[\"Maths\",\"maths\",\"Engines\"],\"interests\":[\"poetry\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada L."))
                .andExpect(jsonPath("$.expertise[0]").value("maths"))
                .andExpect(jsonPath("$.expertise.length()").value(2));
        JsonNode updated = awaitEvent("identity.member.profile-updated", memberId);
        assertThat(updated.at("/data/locale").asString()).isEqualTo("fr");
    }

    @Test
    void anInvitationIsAnnouncedWithTheLinkToAcceptIt() throws Exception {
        var invitations = EventTap.on(admin, rabbit, "identity.invitation.created");
        String email = "link-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";

        JsonNode issued = JSON.readTree(mvc.perform(post("/invitations").with(tenantAdmin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());

        JsonNode event = invitations.awaitEvent("identity.invitation.created", issued.get("id").asString());
        assertThat(event.get("tenantId").asString()).isEqualTo(tenant);
        assertThat(event.at("/data/email").asString()).isEqualTo(email);
        assertThat(event.at("/data/locale").asString()).isEqualTo("fr");
        assertThat(event.at("/data/acceptUrl").asString())
                .startsWith("http://localhost:8080/accept-invitation?token=")
                .endsWith(java.net.URLEncoder.encode(issued.get("token").asString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anInvitationCanBeAcceptedOnlyOnce() throws Exception {
        String email = "once-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String token = invite(email);
        mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                .content(acceptBody(token, "Once", "a long enough password", "fr"))).andExpect(status().isOk());

        mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                        .content(acceptBody(token, "Twice", "a long enough password", "fr")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("tenantId").is(tenant)
                        .and("email").is(email)), "members")).isEqualTo(1);
    }

    @Test
    void aForgedTokenGets400NamingTheTokenAndCreatesNothing() throws Exception {
        mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                        .content(acceptBody("eyJmb3JnZWQifQ.c2lnbmF0dXJl", "Mallory", "a long enough password", "en")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("token"));
    }

    @Test
    void aMemberCannotInvite() throws Exception {
        mvc.perform(post("/invitations").with(IdentityMother.as("m-1", tenant, "member"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@example.org\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void invitingTheSameEmailTwiceGets409() throws Exception {
        String email = "twice-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        invite(email);

        mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email.toUpperCase() + "\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void aCsvImportReportsEveryLine() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String csv = "email,role\n"
                + "one-" + suffix + "@example.org\n"
                + "two-" + suffix + "@example.org,tenant_admin\n"
                + "not-an-email\n"
                + "one-" + suffix + "@example.org\n"
                + "three-" + suffix + "@example.org,owner\n";

        mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv").content(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(5))
                .andExpect(jsonPath("$[0].outcome").value("INVITED"))
                .andExpect(jsonPath("$[0].line").value(2))
                .andExpect(jsonPath("$[1].outcome").value("INVITED"))
                .andExpect(jsonPath("$[2].outcome").value("INVALID"))
                .andExpect(jsonPath("$[3].outcome").value("DUPLICATE"))
                .andExpect(jsonPath("$[4].outcome").value("INVALID"))
                .andExpect(jsonPath("$[4].error").value("role must be member or tenant_admin"));
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("tenantId").is(tenant)), "invitations"))
                .isEqualTo(2);
    }

    @Test
    void badProfileInputGets400NamingTheField() throws Exception {
        var asMember = IdentityMother.as("someone", tenant, "member");
        mvc.perform(put("/me").with(asMember).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"<script>alert(1)</script>\",\"locale\":\"fr\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("displayName"));
        mvc.perform(put("/me").with(asMember).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Ok\",\"locale\":\"de\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("locale"));
    }

    private String invite(String email) throws Exception {
        return JSON.readTree(mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andReturn().getResponse().getContentAsString()).get("token").asString();
    }

    private JsonNode awaitEvent(String type, String memberId) {
        return tap.awaitEvent(type, memberId);
    }

    private static String acceptBody(String token, String name, String password, String locale) {
        return "{\"token\":\"" + token + "\",\"displayName\":\"" + name + "\",\"password\":\"" + password
                + "\",\"locale\":\"" + locale + "\"}";
    }
}
