package io.cercle.identity.invitation;

import io.cercle.identity.EventTap;
import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import io.cercle.platform.security.test.Tokens;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;

import static io.cercle.identity.IdentityMother.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * From invitation to profile against the real Keycloak: a tenant admin invites, the invitee (who registered in
 * Keycloak) reads the link in their mailbox's event, accepts signed in, signs in again with a real token that names
 * the tenant, and edits their profile; MemberJoined is published once.
 */
@IdentityServiceTest
class InvitationJourneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Keycloak keycloak;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;

    private IdentityMother mother;
    private String tenant;
    private RequestPostProcessor tenantAdmin;
    private EventTap tap;

    @BeforeEach
    void aTenantWithItsAdmin() throws Exception {
        tap = EventTap.on(admin, rabbit, "identity.member.*");
        mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        tenant = mother.tenant();
        tenantAdmin = IdentityMother.as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }

    @Test
    void anInviteeAcceptsSignedInSignsInAgainWithATokenNamingTheTenantAndEditsTheirProfile() throws Exception {
        IdentityMother.Person ada = mother.person("Ada Lovelace");
        String token = mother.tokenOf(invite(ada.email()));

        mvc.perform(post("/invitations/accept").with(signedInAs(ada)).contentType(MediaType.APPLICATION_JSON)
                        .content(acceptBody(token, "Ada Lovelace", "en")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andExpect(jsonPath("$.memberId").value(ada.id()));

        // Signing in again gives a real token of the same account that names the tenant and the member role.
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.get().accessToken(ada.email(), ada.password(),
                TestKeycloak.CLIENT_ID));
        assertThat(claims.get("sub")).isEqualTo(ada.id());
        // Naming the tenant is what makes a member (docs/adr/0009); no realm role is granted.
        assertThat(claims.get("organization")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys(tenant);
        assertThat(String.valueOf(claims.get("realm_access"))).doesNotContain("member", "tenant-admin");

        JsonNode joined = tap.awaitEvent("identity.member.joined", ada.id());
        assertThat(joined.at("/data/email").asString()).isEqualTo(ada.email());
        assertThat(joined.at("/data/displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(joined.at("/data/locale").asString()).isEqualTo("en");
        assertThat(joined.at("/data/joinedVia").asString()).isEqualTo("invitation");
        assertThat(joined.get("tenantId").asString()).isEqualTo(tenant);

        var asMember = IdentityMother.as(ada.id(), tenant, "member");
        mvc.perform(get("/me").with(asMember))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada Lovelace"))
                .andExpect(jsonPath("$.email").value(ada.email()));
        mvc.perform(put("/me").with(asMember).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Ada L.\",\"jobTitle\":\"Analyst\",\"bio\":\"Engines\","
                                + "\"locale\":\"fr\",\"expertise\":[\"Maths\",\"maths\",\"Engines\"],\"interests\":[\"poetry\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada L."))
                .andExpect(jsonPath("$.expertise[0]").value("maths"))
                .andExpect(jsonPath("$.expertise.length()").value(2));
        JsonNode updated = tap.awaitEvent("identity.member.profile-updated", ada.id());
        assertThat(updated.at("/data/locale").asString()).isEqualTo("fr");
    }

    @Test
    void anInvitationIsAnnouncedWithTheLinkToAcceptItAndTheAnswerDoesNotCarryTheToken() throws Exception {
        var invitations = EventTap.on(admin, rabbit, "identity.invitation.created");
        String email = mother.person("Link Reader").email();

        String answer = mvc.perform(post("/invitations").with(tenantAdmin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.token").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String id = JSON.readTree(answer).get("id").asString();

        JsonNode event = invitations.awaitEvent("identity.invitation.created", id);
        assertThat(event.get("tenantId").asString()).isEqualTo(tenant);
        assertThat(event.at("/data/email").asString()).isEqualTo(email);
        assertThat(event.at("/data/locale").asString()).isEqualTo("fr");
        String token = mother.tokenOf(id);
        assertThat(event.at("/data/acceptUrl").asString())
                .startsWith("http://localhost:8080/accept-invitation?token=").contains(token);
        assertThat(answer).doesNotContain(token);
    }

    @Test
    void aRetriedAcceptanceByTheInviteeAnswersTheSameAndJoinsOnce() throws Exception {
        IdentityMother.Person invitee = mother.person("Once Only");
        String token = mother.tokenOf(invite(invitee.email()));
        for (int attempt = 1; attempt <= 2; attempt++) {
            mvc.perform(post("/invitations/accept").with(signedInAs(invitee)).contentType(MediaType.APPLICATION_JSON)
                            .content(acceptBody(token, "Once", "fr")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.memberId").value(invitee.id()));
        }

        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant).and("email").is(invitee.email())),
                "members")).isEqualTo(1);
        tap.awaitEvent("identity.member.joined", invitee.id());
        assertThat(tap.count("identity.member.joined", invitee.id())).isEqualTo(1);
    }

    @Test
    void withoutDisplayNameOrLocaleTheKeycloakNameAndTheTenantsLanguageAreUsed() throws Exception {
        IdentityMother.Person invitee = mother.person("Grace Hopper");
        String token = mother.tokenOf(invite(invitee.email()));
        Jwt registered = Tokens.keycloakJwt(invitee.id(), null);
        var claims = new HashMap<>(registered.getClaims());
        claims.put("name", "Grace Hopper");
        Jwt named = new Jwt(registered.getTokenValue(), registered.getIssuedAt(), registered.getExpiresAt(),
                registered.getHeaders(), claims);

        mvc.perform(post("/invitations/accept").with(IdentityMother.signedIn(named, invitee.email(), true))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/me").with(IdentityMother.as(invitee.id(), tenant, "member")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Grace Hopper"))
                .andExpect(jsonPath("$.locale").value("fr"));
    }

    @Test
    void aForgedTokenGets400NamingTheTokenAndCreatesNothing() throws Exception {
        IdentityMother.Person someone = mother.person("Mallory");
        mvc.perform(post("/invitations/accept").with(signedInAs(someone)).contentType(MediaType.APPLICATION_JSON)
                        .content(acceptBody("eyJmb3JnZWQifQ.c2lnbmF0dXJl", "Mallory", "en")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("token"));
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(someone.id())), "members")).isZero();
    }

    @Test
    void invitingTheSameEmailTwiceGets409() throws Exception {
        String email = mother.person("Twice Invited").email();
        invite(email);

        mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email.toUpperCase() + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anAddressWhoseInvitationExpiredCanBeInvitedAgain() throws Exception {
        String email = mother.person("Late Reader").email();
        String expired = invite(email);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(expired)),
                new org.springframework.data.mongodb.core.query.Update().set("expiresAt",
                        java.time.Instant.now().minusSeconds(1)), Invitation.class);

        mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(org.hamcrest.Matchers.not(expired)));
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
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    private static String acceptBody(String token, String name, String locale) {
        return "{\"token\":\"" + token + "\",\"displayName\":\"" + name + "\",\"locale\":\"" + locale + "\"}";
    }
}
