package io.cercle.identity.keycloak;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One tenant cannot take identity's Keycloak capacity from the others: with tenant A's share in use (its permits
 * held here, as A's slow requests would hold them), A's next Keycloak-calling request gets a 429 problem with
 * Retry-After and changes nothing, while tenant B's goes through, and A's reads are untouched.
 */
@IdentityServiceTest
class KeycloakBulkheadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantBulkheads bulkheads;
    @Autowired
    KeycloakBulkheadProperties properties;

    private final List<String> held = new ArrayList<>();

    @AfterEach
    void releaseWhatTheTestHolds() {
        held.forEach(bulkheads::release);
        held.clear();
    }

    @Test
    void aTenantOverItsShareGets429WithRetryAfterWhileAnotherTenantIsServed() throws Exception {
        String tenantA = IdentityMother.tenant(mvc);
        String tenantB = IdentityMother.tenant(mvc);
        occupyTheShareOf(tenantA);

        mvc.perform(rename(tenantA, "Renamed " + tenantA))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", String.valueOf(properties.retryAfter().toSeconds())))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail", containsString("too many account operations")));
        mvc.perform(rename(tenantB, "Renamed " + tenantB)).andExpect(status().isOk());

        assertThat(tenantName(tenantA)).isEqualTo("Tenant " + tenantA);
        assertThat(tenantName(tenantB)).isEqualTo("Renamed " + tenantB);
        assertThat(bulkheads.available(tenantB)).isEqualTo(properties.maxConcurrentPerTenant());
    }

    @Test
    void theTenantIsServedAgainAsSoonAsOneOfItsRequestsEnds() throws Exception {
        String tenant = IdentityMother.tenant(mvc);
        occupyTheShareOf(tenant);
        mvc.perform(rename(tenant, "Still the same " + tenant)).andExpect(status().isTooManyRequests());

        bulkheads.release(held.removeLast());

        mvc.perform(rename(tenant, "Renamed " + tenant)).andExpect(status().isOk());
        assertThat(tenantName(tenant)).isEqualTo("Renamed " + tenant);
    }

    @Test
    void theOpenApiDescriptionDocumentsThe429OfEveryKeycloakCallingEndpoint() throws Exception {
        JsonNode paths = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString())
                .path("paths");

        assertThat(paths.path("/tenant").path("put").path("responses").has("429")).isTrue();
        assertThat(paths.path("/tenants").path("post").path("responses").has("429")).isTrue();
        assertThat(paths.path("/invitations/accept").path("post").path("responses").path("429").path("content")
                .has("application/problem+json")).isTrue();
        assertThat(paths.path("/tenant").path("get").path("responses").has("429")).isFalse();
    }

    private void occupyTheShareOf(String tenant) {
        while (bulkheads.tryAcquire(tenant)) {
            held.add(tenant);
        }
        assertThat(held).hasSize(properties.maxConcurrentPerTenant());
    }

    /** Keycloak wants organization names unique across the realm, hence names made of the alias. */
    private static MockHttpServletRequestBuilder rename(String tenant, String name) {
        return put("/tenant").with(admin(tenant)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"defaultLocale\":\"fr\",\"domains\":[],"
                        + "\"joinPolicy\":\"INVITATION_ONLY\"}");
    }

    private String tenantName(String tenant) throws Exception {
        return JSON.readTree(mvc.perform(get("/tenant").with(admin(tenant))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).get("name").asString();
    }

    private static RequestPostProcessor admin(String tenant) {
        return as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }
}
