package io.cercle.platform.problem;

import io.cercle.platform.TestService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static io.cercle.platform.security.test.Tokens.member;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(classes = TestService.class)
@AutoConfigureMockMvc
class ProblemDetailsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aRequestWithoutTokenGets401Problem() throws Exception {
        mvc.perform(get("/probes/x"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("A valid bearer access token is required"));
    }

    @Test
    void aBlankFieldGets400NamingIt() throws Exception {
        mvc.perform(post("/probes").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" \",\"weight\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("name")))
                .andExpect(jsonPath("$.detail", containsString("name")));
    }

    @Test
    void anOperatorShapedValueGets400NamingTheField() throws Exception {
        mvc.perform(post("/probes").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":{\"$gt\":\"\"},\"weight\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void aValueOfTheWrongTypeGets400NamingTheField() throws Exception {
        mvc.perform(post("/probes").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ok\",\"weight\":\"heavy\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("weight"));
    }

    @Test
    void anUnknownFieldGets400NamingIt() throws Exception {
        mvc.perform(post("/probes").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ok\",\"weight\":1,\"tenantId\":\"other\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tenantId"));
    }

    @Test
    void malformedJsonGets400() throws Exception {
        mvc.perform(post("/probes").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void anUnknownObjectGets404Problem() throws Exception {
        mvc.perform(get("/probes/nope").with(member("acme", "member")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Probe nope was not found"));
    }

    @Test
    void aTokenNamingSeveralTenantsGets403Problem() throws Exception {
        var severalTenants = authentication(authenticationOf(keycloakJwt("m1", List.of("acme", "globex"), "member")));
        mvc.perform(post("/probes").with(severalTenants).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ok\",\"weight\":1}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theSessionEndpointReportsTheCallerFromTheToken() throws Exception {
        mvc.perform(get("/session").with(member("acme", "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service").value("service-defaults-test"))
                .andExpect(jsonPath("$.tenantId").value("acme"))
                .andExpect(jsonPath("$.memberId").value("member-1"))
                .andExpect(jsonPath("$.roles", contains("member", "tenant-admin")));
    }
}
