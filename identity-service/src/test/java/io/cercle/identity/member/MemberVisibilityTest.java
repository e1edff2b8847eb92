package io.cercle.identity.member;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What members see of each other: plain members see active members only, and no member's status; tenant admins
 * see suspended and departed members too, with their status. Suspensions and departures are set on the stored
 * profile directly: how they happen (Keycloak and all) is MemberAdministrationTest's business.
 */
@IdentityServiceTest
class MemberVisibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberService members;
    @Autowired
    MongoTemplate mongo;

    private String tenant;
    private String active;
    private String suspended;
    private String departed;
    private RequestPostProcessor plainMember;
    private RequestPostProcessor tenantAdmin;

    @BeforeEach
    void aTenantWithAnActiveASuspendedAndADepartedMember() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        active = join("Ada Active");
        suspended = join("Sam Suspended");
        departed = join("Lea Left");
        String reader = join("Rita Reader");
        String admin = join("Grace Admin");
        setStatus(suspended, "SUSPENDED");
        setStatus(departed, "LEFT");
        plainMember = as(reader, tenant, "member");
        tenantAdmin = as(admin, tenant, "member", "tenant-admin");
    }

    @Test
    void aPlainMembersDirectoryListsActiveMembersWithoutAnyStatus() throws Exception {
        JsonNode page = JSON.readTree(mvc.perform(get("/members").param("size", "100").with(plainMember))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(page.get("items").valueStream().map(member -> member.get("displayName").asString()))
                .containsExactlyInAnyOrder("Ada Active", "Rita Reader", "Grace Admin");
        assertThat(page.get("items").valueStream()).allSatisfy(member -> assertThat(member.has("status")).isFalse());
    }

    @Test
    void aSuspendedOrDepartedMemberIsNotFoundForAPlainMemberLikeOneWhoNeverExisted() throws Exception {
        mvc.perform(get("/members/" + active).with(plainMember))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada Active"))
                .andExpect(jsonPath("$.status").doesNotExist());

        String neverExisted = UUID.randomUUID().toString();
        String unknown = problem(neverExisted);
        for (String hidden : new String[]{suspended, departed}) {
            mvc.perform(get("/members/" + hidden).with(plainMember))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(problem(hidden).replace(hidden, "{id}")).isEqualTo(unknown.replace(neverExisted, "{id}"));
        }
    }

    @Test
    void aTenantAdminSeesSuspendedAndDepartedMembersWithTheirStatus() throws Exception {
        mvc.perform(get("/members").param("q", "Sam").with(tenantAdmin))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].status").value("SUSPENDED"));
        mvc.perform(get("/members").param("q", "Ada").with(tenantAdmin))
                .andExpect(jsonPath("$.items[0].status").value("ACTIVE"));
        mvc.perform(get("/members/" + suspended).with(tenantAdmin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUSPENDED"));
        mvc.perform(get("/members/" + departed).with(tenantAdmin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("LEFT"));
    }

    @Test
    void theOpenApiDescriptionSaysTheStatusIsForTenantAdminsOnly() throws Exception {
        JsonNode api = JSON.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        JsonNode view = api.at("/components/schemas/MemberView");

        assertThat(view.at("/properties/status/description").asString()).contains("tenant admins only");
        assertThat(view.path("required").valueStream().map(JsonNode::asString)).doesNotContain("status");
    }

    private String problem(String memberId) throws Exception {
        return mvc.perform(get("/members/" + memberId).with(plainMember))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
    }

    private String join(String displayName) {
        String id = UUID.randomUUID().toString();
        members.join(tenant, id, id + "@example.org", displayName, Tenant.Locale.en, MemberEvents.JoinedVia.directory);
        return id;
    }

    private void setStatus(String memberId, String status) {
        mongo.updateFirst(query(where("_id").is(tenant + ":" + memberId)), Update.update("status", status), "members");
    }
}
