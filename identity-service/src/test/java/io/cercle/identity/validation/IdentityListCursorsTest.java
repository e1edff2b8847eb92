package io.cercle.identity.validation;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import io.cercle.platform.page.test.Cursors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static io.cercle.identity.IdentityMother.platformAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every identity list answers the shared page ({@code items}, {@code next}) and takes back only its own cursors, in
 * the tenant they were issued in: a cursor of another list, of another tenant or that does not decode is a 400
 * problem naming {@code cursor}.
 */
@IdentityServiceTest
class IdentityListCursorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberService members;

    private String tenantA;
    private String tenantB;
    private String directoryCursorOfA;

    @BeforeEach
    void aDirectoryOfThreeMembersInTenantA() throws Exception {
        tenantA = "t-" + UUID.randomUUID().toString().substring(0, 8);
        tenantB = "t-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : new String[]{"Ada", "Grace", "Barbara"}) {
            String id = UUID.randomUUID().toString();
            members.join(tenantA, id, id + "@example.org", name, Tenant.Locale.en, MemberEvents.JoinedVia.directory);
        }
        String page = mvc.perform(get("/members").param("size", "2").with(memberOf(tenantA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andReturn().getResponse().getContentAsString();
        directoryCursorOfA = JSON.readTree(page).path("next").asString();
        assertThat(directoryCursorOfA).isNotBlank().doesNotContain(tenantA);
    }

    @Test
    void theDirectorysCursorLeadsToItsLastPageInItsTenant() throws Exception {
        mvc.perform(get("/members").param("size", "2").param("cursor", directoryCursorOfA).with(memberOf(tenantA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.next").value(nullValue()));
    }

    @Test
    void aDirectoryCursorIssuedInTenantAIs400InTenantB() throws Exception {
        refused(mvc.perform(get("/members").param("cursor", directoryCursorOfA).with(memberOf(tenantB))),
                "was issued in another tenant");
    }

    @Test
    void anInvitationsCursorIssuedInTenantAIs400InTenantB() throws Exception {
        refused(mvc.perform(get("/invitations").param("cursor", Cursors.of("invitations", tenantA))
                .with(adminOf(tenantB))), "was issued in another tenant");
    }

    @Test
    void aDirectoryCursorIs400OnTheInvitationsAndThePendingDomains() throws Exception {
        refused(mvc.perform(get("/invitations").param("cursor", directoryCursorOfA).with(adminOf(tenantA))),
                "belongs to another list");
        refused(mvc.perform(get("/pending-domains").param("cursor", directoryCursorOfA).with(platformAdmin())),
                "belongs to another list");
    }

    @Test
    void aPendingDomainsOrInvitationsCursorIs400OnTheDirectory() throws Exception {
        refused(mvc.perform(get("/members").param("cursor", Cursors.of("pending-domains", null))
                .with(memberOf(tenantA))), "belongs to another list");
        refused(mvc.perform(get("/members").param("cursor", Cursors.of("invitations", tenantA))
                .with(memberOf(tenantA))), "belongs to another list");
    }

    @Test
    void aCursorIssuedInATenantIs400OnThePlatformWidePendingDomains() throws Exception {
        refused(mvc.perform(get("/pending-domains").param("cursor", Cursors.of("pending-domains", tenantA))
                .with(platformAdmin())), "was issued in another tenant");
    }

    @Test
    void aCursorThatDoesNotDecodeIs400OnEveryList() throws Exception {
        String garbage = "bm90IGEgY3Vyc29y";
        refused(mvc.perform(get("/members").param("cursor", garbage).with(memberOf(tenantA))),
                "is not a cursor this service issued");
        refused(mvc.perform(get("/invitations").param("cursor", garbage).with(adminOf(tenantA))),
                "is not a cursor this service issued");
        refused(mvc.perform(get("/pending-domains").param("cursor", garbage).with(platformAdmin())),
                "is not a cursor this service issued");
    }

    private static RequestPostProcessor memberOf(String tenant) {
        return as("reader-of-" + tenant, tenant, "member");
    }

    private static RequestPostProcessor adminOf(String tenant) {
        return as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }

    private static void refused(ResultActions answer, String message) throws Exception {
        answer.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"))
                .andExpect(jsonPath("$.errors[0].message").value(message));
    }
}
