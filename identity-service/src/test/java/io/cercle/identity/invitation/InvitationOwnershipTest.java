package io.cercle.identity.invitation;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static io.cercle.identity.IdentityMother.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The attack this closes: an admin of tenant B invites the address of an account of tenant A (or of the platform
 * admin) and accepts the invitation themselves. They never see its token; and even holding it (read here where
 * only the invitee's mailbox would), their own sign-in is refused and nothing changes in Keycloak or in A. The
 * owner of the address accepts with theirs and then belongs to both tenants.
 */
@IdentityServiceTest
class InvitationOwnershipTest {

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
    private String tenantA;
    private String tenantB;
    private IdentityMother.Person memberOfA;
    private IdentityMother.Person adminOfB;
    private RequestPostProcessor adminOfBSignedIn;

    @BeforeEach
    void twoTenantsAMemberOfAAndAnAdminOfB() throws Exception {
        mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        tenantA = mother.tenant();
        tenantB = mother.tenant();
        memberOfA = mother.joined(tenantA, "Alice of A", "member");
        adminOfB = mother.joined(tenantB, "Bruno of B", "tenant_admin");
        adminOfBSignedIn = signedInAs(adminOfB, tenantB, "member", "tenant-admin");
    }

    @Test
    void anAdminOfBInvitingAMemberOfASeesNoTokenAndCannotAttachThemWithTheirOwnSignIn() throws Exception {
        String before = mvc.perform(get("/members/" + memberOfA.id()).with(IdentityMother.as("reader", tenantA, "member")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> rolesBefore = realmRoles(memberOfA.id());

        String answer = mvc.perform(post("/invitations").with(adminOfBSignedIn).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + memberOfA.email() + "\",\"role\":\"tenant_admin\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String invitationId = JSON.readTree(answer).get("id").asString();
        String listing = mvc.perform(get("/invitations").with(adminOfBSignedIn))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String token = mother.tokenOf(invitationId);
        assertThat(answer).doesNotContain(token);
        assertThat(listing).contains(invitationId).doesNotContain(token);

        mvc.perform(post("/invitations/accept").with(adminOfBSignedIn).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\",\"displayName\":\"Hijacked\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "Sign in with the address the invitation was sent to")));

        assertThat(organizationMembers(tenantB)).doesNotContain(memberOfA.id());
        assertThat(organizationMembers(tenantA)).contains(memberOfA.id());
        assertThat(realmRoles(memberOfA.id())).containsExactlyInAnyOrderElementsOf(rolesBefore)
                .doesNotContain("tenant-admin");
        assertThat(realm().users().get(memberOfA.id()).toRepresentation().isEnabled()).isTrue();
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenantB).and("memberId").is(memberOfA.id())),
                "members")).isZero();
        mvc.perform(get("/members/" + memberOfA.id()).with(IdentityMother.as("reader", tenantA, "member")))
                .andExpect(status().isOk())
                .andExpect(content().json(before, true));
        mvc.perform(get("/invitations").with(adminOfBSignedIn))
                .andExpect(jsonPath("$.items[?(@.id == '" + invitationId + "')].status").value("PENDING"));
    }

    @Test
    void anAdminOfBInvitingThePlatformAdminCannotAttachThemEither() throws Exception {
        String platformAdminEmail = "root@cercle.test";
        String platformAdminId = realm().users().searchByEmail(platformAdminEmail, true).getFirst().getId();
        List<String> rolesBefore = realmRoles(platformAdminId);

        String invitationId = JSON.readTree(mvc.perform(post("/invitations").with(adminOfBSignedIn)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + platformAdminEmail + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").doesNotExist())
                .andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(post("/invitations/accept").with(adminOfBSignedIn).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + mother.tokenOf(invitationId) + "\"}"))
                .andExpect(status().isForbidden());

        assertThat(organizationMembers(tenantB)).doesNotContain(platformAdminId);
        assertThat(realmRoles(platformAdminId)).containsExactlyInAnyOrderElementsOf(rolesBefore);
    }

    @Test
    void theOwnerAcceptsWithTheirOwnSignInAndBelongsToBothTenants() throws Exception {
        String invitationId = JSON.readTree(mvc.perform(post("/invitations").with(adminOfBSignedIn)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + memberOfA.email() + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        // Their sign-in names tenant A, where they already are: it is still their own account accepting.
        mvc.perform(post("/invitations/accept").with(signedInAs(memberOfA, tenantA, "member"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + mother.tokenOf(invitationId) + "\",\"displayName\":\"Alice in B\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenantB))
                .andExpect(jsonPath("$.memberId").value(memberOfA.id()));

        assertThat(organizationMembers(tenantA)).contains(memberOfA.id());
        assertThat(organizationMembers(tenantB)).contains(memberOfA.id());
        mvc.perform(get("/me").with(IdentityMother.as(memberOfA.id(), tenantB, "member")))
                .andExpect(jsonPath("$.displayName").value("Alice in B"));
        mvc.perform(get("/me").with(IdentityMother.as(memberOfA.id(), tenantA, "member")))
                .andExpect(jsonPath("$.displayName").value("Alice of A"));
    }

    @Test
    void anUnverifiedAddressGets403AndJoinsNothing() throws Exception {
        IdentityMother.Person unverified = mother.person("Una Verified", false);
        String token = mother.tokenOf(mother.invite(tenantB, unverified.email(), "member"));

        mvc.perform(post("/invitations/accept")
                        .with(IdentityMother.signedIn(io.cercle.platform.security.test.Tokens.keycloakJwt(unverified.id(), null),
                                unverified.email(), false))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("verify it")));

        assertThat(organizationMembers(tenantB)).doesNotContain(unverified.id());
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(unverified.id())), "members")).isZero();
    }

    private RealmResource realm() {
        return keycloak.realm(TestKeycloak.get().realm());
    }

    private List<String> organizationMembers(String alias) {
        var organization = realm().organizations().list(0, 10_000).stream()
                .filter(candidate -> alias.equals(candidate.getAlias())).findFirst().orElseThrow();
        return realm().organizations().get(organization.getId()).members().list(-1, -1).stream()
                .map(MemberRepresentation::getId).toList();
    }

    private List<String> realmRoles(String userId) {
        return realm().users().get(userId).roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName).toList();
    }
}
