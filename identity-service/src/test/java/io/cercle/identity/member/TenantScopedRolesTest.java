package io.cercle.identity.member;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TokenClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Map;

import static io.cercle.identity.IdentityMother.as;
import static io.cercle.testsupport.TokenClaims.organizations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Roles scoped to one tenant (docs/adr/0009), with real Keycloak tokens: a person in tenants A and B is admin where
 * they were made admin and nowhere else, and what one tenant's admin does to them reaches only that tenant.
 */
@IdentityServiceTest
class TenantScopedRolesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    KeycloakDirectory directory;
    @Autowired
    Keycloak keycloak;
    @Autowired
    org.springframework.amqp.rabbit.core.RabbitAdmin rabbitAdmin;
    @Autowired
    org.springframework.amqp.rabbit.core.RabbitTemplate rabbit;

    private IdentityMother mother;
    private String tenantA;
    private String tenantB;
    private String adminB;
    private String email;
    private String personId;

    @BeforeEach
    void aPersonInTwoTenants() throws Exception {
        mother = new IdentityMother(mvc, keycloak, rabbitAdmin, rabbit);
        tenantA = mother.tenant();
        tenantB = mother.tenant();
        adminB = mother.member(tenantB, "Bea Admin", "tenant_admin");
        var person = mother.joined(tenantA, "Cora Consultant", "member");
        mother.join(tenantB, person, "Cora Consultant", "member");
        email = person.email();
        personId = person.id();
    }

    @Test
    void beingMadeAdminInBGivesTheRoleInBsTokenOnly() throws Exception {
        mvc.perform(put("/members/" + personId + "/roles/tenant-admin").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());

        assertThat(tenantRoles(token(tenantB), tenantB)).containsExactly("tenant-admin");
        assertThat(tenantRoles(token(tenantA), tenantA)).isEmpty();
        // Acting in A with A's token: no admin right there.
        mvc.perform(bearer(post("/members/" + personId + "/suspension"), token(tenantA)))
                .andExpect(status().isForbidden());
        mvc.perform(bearer(get("/session"), token(tenantB)))
                .andExpect(jsonPath("$.tenantId").value(tenantB))
                .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.containsInAnyOrder("member", "tenant-admin")));
    }

    @Test
    void aRevokedAdminLosesTheRightAtTheirNextToken() throws Exception {
        mvc.perform(put("/members/" + personId + "/roles/tenant-admin").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());
        mvc.perform(delete("/members/" + personId + "/roles/tenant-admin").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());

        assertThat(tenantRoles(token(tenantB), tenantB)).isEmpty();
        mvc.perform(bearer(get("/session"), token(tenantB))).andExpect(status().isOk())
                .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("member")));
    }

    @Test
    void anAdminWhoLeavesHoldsNoAdminRightAnywhere() throws Exception {
        mvc.perform(put("/members/" + personId + "/roles/tenant-admin").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());

        mvc.perform(bearer(delete("/me/membership"), token(tenantB))).andExpect(status().isNoContent());

        assertThat(directory.organizationsOf(personId)).containsExactly(tenantA);
        // Now in one organization only: the plain sign-in names A, with no admin right.
        Map<String, Object> claims = KeycloakServer.claims(TestKeycloak.get().accessToken(email,
                IdentityMother.password(email), TestKeycloak.CLIENT_ID));
        assertThat(organizations(claims)).containsOnlyKeys(tenantA);
        assertThat(TokenClaims.tenantRoles(claims, tenantA)).isEmpty();
        mvc.perform(get("/members/" + personId).with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(jsonPath("$.tenantAdmin").value(false));
    }

    @Test
    void suspendingInBLeavesTheAccountAndTenantAUntouched() throws Exception {
        mvc.perform(post("/members/" + personId + "/suspension").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());

        assertThat(keycloak.realm("cercle").users().get(personId).toRepresentation().isEnabled()).isTrue();
        assertThat(directory.organizationsOf(personId)).containsExactly(tenantA);
        mvc.perform(bearer(get("/me"), token(tenantA))).andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenantA));
    }

    @Test
    void someoneSuspendedInBCannotComeBackThroughAnInvitationButSomeoneWhoLeftCan() throws Exception {
        var person = new IdentityMother.Person(personId, email, IdentityMother.password(email));
        mvc.perform(post("/members/" + personId + "/suspension").with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isOk());

        String token = mother.tokenOf(mother.invite(tenantB, email, "member"));
        mvc.perform(post("/invitations/accept").with(IdentityMother.signedInAs(person))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("suspended")));
        assertThat(directory.organizationsOf(personId)).containsExactly(tenantA);

        // Leaving A and being invited back makes an active member of A again.
        mvc.perform(bearer(delete("/me/membership"), token(tenantA))).andExpect(status().isNoContent());
        mother.join(tenantA, person, "Cora Again", "member");
        String adminA = mother.member(tenantA, "Ada Admin", "tenant_admin");
        mvc.perform(get("/members/" + personId).with(as(adminA, tenantA, "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.displayName").value("Cora Again"));
        assertThat(directory.organizationsOf(personId)).containsExactly(tenantA);
    }

    @Test
    void erasingInBKeepsTheAccountWhileItBelongsToAAndTheLastErasureDeletesIt() throws Exception {
        String adminA = mother.member(tenantA, "Ada Admin", "tenant_admin");

        mvc.perform(delete("/members/" + personId).with(as(adminB, tenantB, "tenant-admin")))
                .andExpect(status().isNoContent());
        assertThat(directory.organizationsOf(personId)).containsExactly(tenantA);
        mvc.perform(bearer(get("/me"), token(tenantA))).andExpect(status().isOk());

        mvc.perform(delete("/members/" + personId).with(as(adminA, tenantA, "tenant-admin")))
                .andExpect(status().isNoContent());
        assertThat(keycloak.realm("cercle").users().search(email, true)).isEmpty();
    }

    @Test
    void aTokenNamingBothTenantsGets403SayingHowToChooseAndMeTenantsListsThem() throws Exception {
        String both = TestKeycloak.get().accessTokenWithScope(email, IdentityMother.password(email),
                TestKeycloak.CLIENT_ID, "organization:*");

        mvc.perform(bearer(get("/me"), both))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("organization:<alias>")))
                .andExpect(jsonPath("$.howToChoose").exists());
        mvc.perform(bearer(get("/me/tenants"), both))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].alias").value(org.hamcrest.Matchers.containsInAnyOrder(tenantA, tenantB)))
                .andExpect(jsonPath("$[0].scope").value("organization:" + List.of(tenantA, tenantB).stream().sorted().findFirst().orElseThrow()));
    }

    private String token(String tenant) {
        return TestKeycloak.get().accessTokenWithScope(email, IdentityMother.password(email), TestKeycloak.CLIENT_ID,
                "organization:" + tenant);
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }


    private static List<String> tenantRoles(String token, String tenant) {
        var claims = KeycloakServer.claims(token);
        assertThat(organizations(claims)).as("the token's organizations").containsKey(tenant);
        return TokenClaims.tenantRoles(claims, tenant);
    }
}
