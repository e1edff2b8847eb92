package io.cercle.identity.member;

import io.cercle.identity.EventTap;
import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What tenant admins do to members, against the real Keycloak, and the directory every member searches. */
@IdentityServiceTest
class MemberAdministrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    Keycloak keycloak;
    @Autowired
    io.cercle.identity.keycloak.KeycloakDirectory directory;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;

    private IdentityMother mother;
    private String tenant;
    private String adminId;

    @BeforeEach
    void aTenantWithAnAdmin() throws Exception {
        mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        tenant = mother.tenant();
        adminId = mother.member(tenant, "Grace Admin", "tenant_admin");
    }

    @Test
    void suspendingAMemberTakesThemOutOfTheTenantButKeepsTheirAccountAndReactivatingBringsThemBack() throws Exception {
        var tap = EventTap.on(admin, rabbit, "identity.member.*");
        String memberId = mother.member(tenant, "Sam Suspended", "member");

        mvc.perform(post("/members/" + memberId + "/suspension").with(as(adminId, tenant, "member", "tenant-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Spam\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUSPENDED"));
        assertThat(organizationsOf(memberId)).doesNotContain(tenant);
        assertThat(user(memberId).isEnabled()).isTrue();
        assertThat(tap.awaitEvent("identity.member.suspended", memberId).at("/data/reason").asString()).isEqualTo("Spam");

        mvc.perform(delete("/members/" + memberId + "/suspension").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(organizationsOf(memberId)).contains(tenant);
        tap.awaitEvent("identity.member.reactivated", memberId);
    }

    @Test
    void grantingAndRevokingTenantAdminChangesTheOrganizationsAdminsGroupNotTheRealm() throws Exception {
        String memberId = mother.member(tenant, "Pat Promoted", "member");

        mvc.perform(put("/members/" + memberId + "/roles/tenant-admin").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantAdmin").value(true));
        assertThat(directory.isTenantAdmin(organizationId(), memberId)).isTrue();
        assertThat(realmRoles(memberId)).doesNotContain("tenant-admin");

        mvc.perform(delete("/members/" + memberId + "/roles/tenant-admin").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantAdmin").value(false));
        assertThat(directory.isTenantAdmin(organizationId(), memberId)).isFalse();
    }

    @Test
    void erasingAMemberRemovesTheAccountAnonymisesTheProfileAndTellsEveryone() throws Exception {
        var tap = EventTap.on(admin, rabbit, "identity.member.erased");
        String memberId = mother.member(tenant, "Eve Erased", "member");

        mvc.perform(delete("/members/" + memberId).with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(status().isNoContent());

        assertThat(keycloak.realm("cercle").users().search("", 0, 1000).stream()
                .noneMatch(user -> user.getId().equals(memberId))).isTrue();
        mvc.perform(get("/members/" + memberId).with(as(adminId, tenant, "member")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/members").param("q", "Eve").with(as(adminId, tenant, "member")))
                .andExpect(jsonPath("$.items.length()").value(0));
        assertThat(tap.awaitEvent("identity.member.erased", memberId).get("actorId").asString()).isEqualTo(adminId);
    }

    @Test
    void anotherTenantsAdminCannotSeeOrChangeMyMembers() throws Exception {
        String memberId = mother.member(tenant, "Private Person", "member");
        String otherTenant = mother.tenant();
        var otherAdmin = as("other-admin", otherTenant, "member", "tenant-admin");

        mvc.perform(get("/members/" + memberId).with(otherAdmin))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/members/" + memberId + "/suspension").with(otherAdmin)).andExpect(status().isNotFound());
        mvc.perform(delete("/members/" + memberId).with(otherAdmin)).andExpect(status().isNotFound());
        mvc.perform(get("/members").with(otherAdmin))
                .andExpect(jsonPath("$.items[?(@.memberId == '" + memberId + "')]").isEmpty());
        assertThat(user(memberId).isEnabled()).isTrue();
    }

    @Test
    void theDirectoryFindsMembersByNameAndExpertisePageByPage() throws Exception {
        for (String name : new String[]{"Alan Turing", "Alan Kay", "Barbara Liskov"}) {
            String id = mother.member(tenant, name, "member");
            mvc.perform(put("/me").with(as(id, tenant, "member")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"displayName\":\"" + name + "\",\"locale\":\"en\",\"expertise\":[\""
                            + (name.startsWith("Alan") ? "computing" : "abstraction") + "\"]}"))
                    .andExpect(status().isOk());
        }
        var reader = as(adminId, tenant, "member");

        var first = JSON.readTree(mvc.perform(get("/members").param("q", "alan").param("size", "1").with(reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(get("/members").param("q", "alan").param("size", "1")
                        .param("cursor", first.get("next").asString()).with(reader))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].displayName").value(org.hamcrest.Matchers.startsWith("Alan")));
        mvc.perform(get("/members").param("expertise", "Abstraction").with(reader))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].displayName").value("Barbara Liskov"));
        mvc.perform(get("/members").param("q", ".*").with(reader))
                .andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void badDirectoryParametersGet400NamingThem() throws Exception {
        var reader = as(adminId, tenant, "member");
        mvc.perform(get("/members").param("size", "0").with(reader))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/members").param("size", "many").with(reader))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/members").param("cursor", "%%%").with(reader))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    @Test
    void aTenantAdminUpdatesTheSettingsAndKeycloaksOrganizationFollows() throws Exception {
        var tap = EventTap.on(admin, rabbit, "identity.tenant.updated");
        mvc.perform(put("/tenant").with(as(adminId, tenant, "member", "tenant-admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Renamed\",\"defaultLocale\":\"en\",\"domains\":[\"renamed.example\"],"
                                + "\"joinPolicy\":\"OPEN_TO_DOMAINS\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.joinPolicy").value("OPEN_TO_DOMAINS"))
                .andExpect(jsonPath("$.pendingDomains[0].domain").value("renamed.example"));

        var organization = keycloak.realm("cercle").organizations().list(0, 10_000).stream()
                .filter(candidate -> tenant.equals(candidate.getAlias())).findFirst().orElseThrow();
        assertThat(organization.getName()).isEqualTo("Renamed");
        // A tenant admin's new domain awaits a platform admin's approval (TenantDomainsTest): not in Keycloak yet.
        assertThat(organization.getDomain("renamed.example")).isNull();
        assertThat(tap.awaitEvent("identity.tenant.updated", tenant).at("/data/defaultLocale").asString())
                .isEqualTo("en");
    }

    @Test
    void tenantAdminsListSuspendedMembersAndMembersDoNot() throws Exception {
        String memberId = mother.member(tenant, "Quentin Quiet", "member");
        mvc.perform(post("/members/" + memberId + "/suspension").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(status().isOk());

        mvc.perform(get("/members").param("q", "Quentin").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].status").value("SUSPENDED"));
        mvc.perform(get("/members").param("q", "Quentin").with(as("someone", tenant, "member")))
                .andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void aMemberWhoLeavesIsOutOfTheOrganizationAndTheDirectory() throws Exception {
        var tap = EventTap.on(admin, rabbit, "identity.member.left");
        String memberId = mother.member(tenant, "Lea Leaving", "member");

        mvc.perform(delete("/me/membership").with(as(memberId, tenant, "member")))
                .andExpect(status().isNoContent());

        var organization = keycloak.realm("cercle").organizations().list(0, 10_000).stream()
                .filter(candidate -> tenant.equals(candidate.getAlias())).findFirst().orElseThrow();
        assertThat(keycloak.realm("cercle").organizations().get(organization.getId()).members().getAll())
                .noneMatch(member -> member.getId().equals(memberId));
        mvc.perform(get("/members").param("q", "Lea").with(as(adminId, tenant, "member", "tenant-admin")))
                .andExpect(jsonPath("$.items.length()").value(0));
        assertThat(tap.awaitEvent("identity.member.left", memberId).get("tenantId").asString()).isEqualTo(tenant);
    }

    @Test
    void aMemberExportsTheirIdentityData() throws Exception {
        String memberId = mother.member(tenant, "Dana Export", "member");

        mvc.perform(get("/me/export").with(as(memberId, tenant, "member")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenant.alias").value(tenant))
                .andExpect(jsonPath("$.profile.displayName").value("Dana Export"))
                .andExpect(jsonPath("$.profile.email").value(org.hamcrest.Matchers.endsWith("@example.org")))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    private org.keycloak.representations.idm.UserRepresentation user(String memberId) {
        return keycloak.realm("cercle").users().get(memberId).toRepresentation();
    }

    private java.util.List<String> organizationsOf(String memberId) {
        return directory.organizationsOf(memberId);
    }

    private String organizationId() {
        return keycloak.realm("cercle").organizations().list(0, 10_000).stream()
                .filter(candidate -> tenant.equals(candidate.getAlias())).findFirst().orElseThrow().getId();
    }

    private java.util.List<String> realmRoles(String memberId) {
        return keycloak.realm("cercle").users().get(memberId).roles().realmLevel().listEffective().stream()
                .map(org.keycloak.representations.idm.RoleRepresentation::getName).toList();
    }
}
