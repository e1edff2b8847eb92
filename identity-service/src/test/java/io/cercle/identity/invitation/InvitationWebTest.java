package io.cercle.identity.invitation;

import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may invite, list, revoke, import and accept (401, 403), decided by the web layer with signed test tokens
 * before any invitation is read or written. Another tenant's invitation or job (404) and the journeys themselves are
 * InvitationAdministrationTest's, InvitationJobTest's and InvitationJourneyTest's, on real infrastructure.
 */
@CercleWebMvcTest({InvitationController.class, InvitationJobController.class})
@MockitoBean(types = {InvitationService.class, InvitationJobs.class, InvitationJobWorker.class})
class InvitationWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    InvitationService invitations;
    @Autowired
    InvitationJobs jobs;

    private final String member = TestTokens.of(TestUser.TENANT_A_MEMBER).bearer();

    @Test
    void acceptingWithoutSigningInGets401Problem() throws Exception {
        mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"t\",\"displayName\":\"Nobody\",\"locale\":\"en\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        verifyNoInteractions(invitations);
    }

    @Test
    void aMemberCannotInvite() throws Exception {
        mvc.perform(post("/invitations").header(AUTHORIZATION, member).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"x@example.org\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        verifyNoInteractions(invitations);
    }

    @Test
    void aTenantAdminCannotInviteIntoATenantByItsAlias() throws Exception {
        mvc.perform(post("/tenants/tenant-b/invitations")
                        .header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_ADMIN).bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@example.org\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(invitations);
    }

    @Test
    void membersCannotListOrRevokeInvitations() throws Exception {
        mvc.perform(get("/invitations").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(delete("/invitations/some-invitation").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(invitations);
    }

    @Test
    void membersCannotImportOrReadBulkInvitations() throws Exception {
        mvc.perform(post("/invitations/bulk").header(AUTHORIZATION, member).contentType("text/csv")
                        .content("x@example.org"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/invitations/bulk/some-job").header(AUTHORIZATION, member))
                .andExpect(status().isForbidden());
        verifyNoInteractions(jobs);
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /invitations              | {"email":{"$gt":""}}                                     | email       | operator-shaped email
            POST | /invitations              | {"email":"not-an-address"}                               | email       | not an email
            POST | /invitations              | {}                                                       | email       | missing email
            POST | /invitations              | {"email":"a@b.example","role":"owner"}                   | role        | unknown role
            POST | /invitations              | {"email":"<script>@x.example"}                           | email       | script tag in email
            POST | /tenants/acme/invitations | {"email":["a@b.example"]}                                | email       | wrong type (platform admin)
            POST | /invitations/accept       | {"displayName":"Ann","locale":"fr"}                      | token       | missing token
            POST | /invitations/accept       | {"token":"t","displayName":"<b>Ann</b>","locale":"fr"}   | displayName | script tag in name
            POST | /invitations/accept       | {"token":"t","displayName":"","locale":"fr"}             | displayName | empty name
            POST | /invitations/accept       | {"token":"t","displayName":"Ann","locale":"es"}          | locale      | unknown locale
            POST | /invitations/accept       | {"token":{"$ne":null},"displayName":"Ann","locale":"fr"} | token       | operator-shaped token
            POST | /invitations/accept       | {"token":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}                                       | token       | oversize token
            POST | /invitations/accept       | {"token":"t","password":"a password we never take"}      | password    | a password is no field of ours
            """)
    void badInputGets400NamingTheFieldBeforeAnythingIsWritten(String method, String path, String body,
                                                              String field, String why) throws Exception {
        String caller = path.startsWith("/tenants/") ? TestTokens.of(TestUser.PLATFORM_ADMIN).bearer()
                : TestTokens.member("acme").tenantAdmin().bearer();

        mvc.perform(request(HttpMethod.valueOf(method), path).header(AUTHORIZATION, caller)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
        verifyNoInteractions(invitations);
    }
}
