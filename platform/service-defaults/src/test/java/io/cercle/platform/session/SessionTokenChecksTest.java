package io.cercle.platform.session;

import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The production token checks of every servlet service (decoder, TokenValidation, KeycloakTokenConverter), run in a
 * web slice with signed test tokens: only an unexpired access token of our issuer, for the Cercle API, from an
 * allowed client and signed by the realm's key opens the service; everything else is a 401 problem.
 */
@CercleWebMvcTest(SessionController.class)
class SessionTokenChecksTest {

    @Autowired
    MockMvc mvc;

    /** Only service-defaults' web layer: TestService's repositories and consumers stay out of the slice. */
    @SpringBootConfiguration
    static class ServiceDefaultsOnly {
    }

    @Test
    void aTenantAdminsAccessTokenOpensTheSessionWithTheTenantAndItsRoles() throws Exception {
        mvc.perform(get("/session").header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_ADMIN).bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value("tenant-a"))
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.roles", contains("member", "tenant-admin")));
    }

    @Test
    void aTokenNamingSeveralOrganizationsNamesNoTenant() throws Exception {
        mvc.perform(get("/session").header(AUTHORIZATION,
                        TestTokens.of(TestUser.CONSULTANT).organizations("tenant-a", "tenant-b").bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(nullValue()))
                .andExpect(jsonPath("$.roles").isEmpty());
    }

    @Test
    void aRoleHeldInAnotherOrganizationsEntryOrAtTopLevelIsNotRead() throws Exception {
        var token = TestTokens.member("tenant-a")
                .claim("resource_access", java.util.Map.of("cercle-api", java.util.Map.of("roles",
                        java.util.List.of("tenant-admin"))));

        mvc.perform(get("/session").header(AUTHORIZATION, token.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles", contains("member")));
    }

    @Test
    void noTokenGets401Problem() throws Exception {
        expect401(mvc.perform(get("/session")));
    }

    @Test
    void anExpiredTokenGets401Problem() throws Exception {
        // Beyond the default clock skew (60 s).
        expect401(session(TestTokens.of(TestUser.TENANT_A_MEMBER).expiredSince(Duration.ofMinutes(2)).bearer()));
    }

    @Test
    void anIdTokenGets401Problem() throws Exception {
        expect401(session(TestTokens.of(TestUser.TENANT_A_MEMBER).idToken().bearer()));
    }

    @Test
    void aTokenIssuedToAnotherClientGets401Problem() throws Exception {
        expect401(session(TestTokens.of(TestUser.TENANT_A_MEMBER).authorizedParty("admin-cli").bearer()));
    }

    @Test
    void aTokenForAnotherAudienceGets401Problem() throws Exception {
        expect401(session(TestTokens.of(TestUser.TENANT_A_MEMBER).audience("account").bearer()));
    }

    @Test
    void aTokenOfAnotherIssuerGets401Problem() throws Exception {
        expect401(session(TestTokens.of(TestUser.TENANT_A_MEMBER)
                .issuer("http://keycloak.test/realms/other").bearer()));
    }

    @Test
    void aTokenWhoseClaimsWereEditedAfterSigningGets401Problem() throws Exception {
        String member = TestTokens.of(TestUser.TENANT_A_MEMBER).jwt();
        String admin = TestTokens.of(TestUser.TENANT_A_ADMIN).jwt();
        String[] signed = member.split("\\.");
        String forged = signed[0] + "." + admin.split("\\.")[1] + "." + signed[2];

        expect401(session("Bearer " + forged));
    }

    private ResultActions session(String authorization) throws Exception {
        return mvc.perform(get("/session").header(AUTHORIZATION, authorization));
    }

    private static void expect401(ResultActions result) throws Exception {
        result.andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("A valid bearer access token is required"));
    }
}
