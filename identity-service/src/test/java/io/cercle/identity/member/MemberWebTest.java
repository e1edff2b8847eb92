package io.cercle.identity.member;

import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may administer members (401, 403), decided by the web layer with signed test tokens before any member is read
 * or changed. What admins do, and another tenant's member (404), is MemberAdministrationTest's, against Keycloak.
 */
@CercleWebMvcTest(MemberController.class)
@MockitoBean(types = MemberService.class)
class MemberWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberService members;

    @Test
    void aMemberCannotSuspendReactivateGrantRevokeOrErase() throws Exception {
        String member = TestTokens.of(TestUser.TENANT_A_MEMBER).bearer();

        mvc.perform(post("/members/alice-id/suspension").header(AUTHORIZATION, member)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"mine\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(delete("/members/alice-id/suspension").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden());
        mvc.perform(put("/members/alice-id/roles/tenant-admin").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/members/alice-id/roles/tenant-admin").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/members/alice-id").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden());
        verifyNoInteractions(members);
    }

    @Test
    void anAdminOfAnotherTenantIsOnlyAMemberHere() throws Exception {
        // Dave is admin of tenant-b; signed in for tenant-a he holds no role there.
        String daveInA = TestTokens.of(TestUser.CONSULTANT).tenant("tenant-a").bearer();

        mvc.perform(delete("/members/bob-id").header(AUTHORIZATION, daveInA))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(members);
    }

    @Test
    void anOperatorShapedSuspensionReasonGets400NamingReason() throws Exception {
        mvc.perform(post("/members/someone/suspension")
                        .header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_ADMIN).bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":{\"$gt\":\"\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        verifyNoInteractions(members);
    }

    @Test
    void theDirectoryWithoutATokenGets401Problem() throws Exception {
        mvc.perform(get("/members"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(members);
    }
}
