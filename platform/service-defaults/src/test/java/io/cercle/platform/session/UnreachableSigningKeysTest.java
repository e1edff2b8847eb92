package io.cercle.platform.session;

import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code cercle.security.jwk-set-uri} (KEYCLOAK_JWK_SET_URI, set by the Helm chart when services reach Keycloak
 * on another address than the issuer's), the signing keys come from there and nowhere else: pointed at an address
 * where nothing listens, a well-formed token is answered 503 (it cannot be checked now), neither accepted nor a 500.
 * (The system test ChartEnvironmentSystemTest shows the working case with real Keycloak.)
 */
@CercleWebMvcTest(SessionController.class)
class UnreachableSigningKeysTest {

    @Autowired
    MockMvc mvc;

    /** Only service-defaults' web layer: TestService's repositories and consumers stay out of the slice. */
    @SpringBootConfiguration
    static class ServiceDefaultsOnly {
    }

    @DynamicPropertySource
    static void keysWhereNothingListens(DynamicPropertyRegistry registry) {
        registry.add("cercle.security.jwk-set-uri",
                () -> "http://localhost:" + Ports.free() + "/realms/cercle/protocol/openid-connect/certs");
    }

    @Test
    void aTokenThatCannotBeCheckedBecauseTheSigningKeysAreUnreachableGets503Problem() throws Exception {
        mvc.perform(get("/session").header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_MEMBER).bearer()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503));
    }
}
