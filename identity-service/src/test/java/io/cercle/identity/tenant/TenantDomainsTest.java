package io.cercle.identity.tenant;

import io.cercle.identity.IdentityServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static io.cercle.identity.IdentityMother.platformAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tenants' email domains against the real Keycloak: public mail domains refused, a domain held elsewhere a 409
 * (whether our data or only Keycloak knows it), a tenant admin's new domain pending until a platform admin approves
 * it, and the Keycloak organization agreeing with the tenant after every answer.
 */
@IdentityServiceTest
class TenantDomainsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Keycloak keycloak;

    @Test
    void aPlatformAdminsDomainsAreApprovedAtOnceAndVerifiedInKeycloak() throws Exception {
        String alias = alias();
        String domain = domain();

        create(alias, domain).andExpect(status().isCreated())
                .andExpect(jsonPath("$.domains[0]").value(domain))
                .andExpect(jsonPath("$.pendingDomains.length()").value(0));

        OrganizationDomainRepresentation inKeycloak = organization(alias).orElseThrow().getDomain(domain);
        assertThat(inKeycloak).isNotNull();
        assertThat(inKeycloak.isVerified()).isTrue();
    }

    @Test
    void publicMailDomainsAreRefusedNamingTheirPlaceAndNothingIsWritten() throws Exception {
        String alias = alias();

        create(alias, domain(), "gmail.com")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("domains[1]"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(
                        "is a public mail domain")));
        assertThat(rawTenant(alias)).isNull();
        assertThat(organization(alias)).isEmpty();

        create(alias).andExpect(status().isCreated());
        settings(alias, "hotmail.fr")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("domains[0]"));
        assertThat(rawTenant(alias).getList("pendingDomains", Document.class)).isEmpty();
    }

    @Test
    void aDomainListedTwiceIsRefusedNamingTheSecond() throws Exception {
        String domain = domain();

        create(alias(), domain, domain)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("domains[1]"))
                .andExpect(jsonPath("$.errors[0].message").value("is listed twice"));
    }

    @Test
    void aDomainOfAnotherTenantAnswers409AndNothingIsCreated() throws Exception {
        String domain = domain();
        create(alias(), domain).andExpect(status().isCreated());
        String alias = alias();

        create(alias, domain)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The email domain " + domain + " belongs to another tenant"));

        assertThat(rawTenant(alias)).isNull();
        assertThat(organization(alias)).isEmpty();
    }

    @Test
    void aDomainOnlyKeycloakKnowsAnswers409Not503AndNothingIsCreated() throws Exception {
        // The test realm's organization tenant-a holds this domain; identity-service has no tenant with it.
        String alias = alias();

        create(alias, "tenant-a.cercle.test")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(rawTenant(alias)).isNull();
        assertThat(organization(alias)).isEmpty();
    }

    @Test
    void anAliasOnlyKeycloakKnowsAnswers409Not503() throws Exception {
        // The test realm's organization tenant-b; whether identity-service has a tenant-b or not, the answer is 409.
        create("tenant-b", domain())
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aTenantAdminsNewDomainIsPendingAndOutOfKeycloakUntilAPlatformAdminApprovesIt() throws Exception {
        String alias = alias();
        String held = domain();
        String asked = domain();
        create(alias, held).andExpect(status().isCreated());

        settings(alias, held, asked)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.domains.length()").value(2))
                .andExpect(jsonPath("$.pendingDomains.length()").value(1))
                .andExpect(jsonPath("$.pendingDomains[0].domain").value(asked))
                .andExpect(jsonPath("$.pendingDomains[0].requestedBy").value("admin-of-" + alias));
        assertThat(organization(alias).orElseThrow().getDomain(asked)).isNull();
        assertThat(organization(alias).orElseThrow().getDomain(held)).isNotNull();
        assertThat(allPending()).contains(alias + " " + asked);
        // Sending back what was read changes nothing: the pending domain stays pending, with its first request.
        var read = JSON.readTree(mvc.perform(get("/tenant").with(tenantAdmin(alias)))
                .andReturn().getResponse().getContentAsString());
        settings(alias, read.get("domains").valueStream().map(JsonNode::asString).toArray(String[]::new))
                .andExpect(jsonPath("$.pendingDomains[0].requestedAt")
                        .value(read.at("/pendingDomains/0/requestedAt").asString()));

        approve(alias, asked)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingDomains.length()").value(0))
                .andExpect(jsonPath("$.domains.length()").value(2));

        assertThat(organization(alias).orElseThrow().getDomain(asked)).isNotNull();
        assertThat(rawTenant(alias).getList("domains", String.class)).containsExactly(held, asked);
        assertThat(allPending()).doesNotContain(alias + " " + asked);
        // A retried approval finds the domain approved and changes nothing.
        approve(alias, asked).andExpect(status().isOk()).andExpect(jsonPath("$.domains.length()").value(2));
    }

    @Test
    void onlyAPlatformAdminListsApprovesOrRemovesDomains() throws Exception {
        String alias = alias();
        String asked = domain();
        create(alias).andExpect(status().isCreated());
        settings(alias, asked).andExpect(status().isOk());

        mvc.perform(post("/tenants/" + alias + "/domains/" + asked + "/approval").with(tenantAdmin(alias)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/pending-domains").with(tenantAdmin(alias))).andExpect(status().isForbidden());
        mvc.perform(delete("/tenants/" + alias + "/domains/" + asked).with(tenantAdmin(alias)))
                .andExpect(status().isForbidden());

        assertThat(rawTenant(alias).getList("pendingDomains", Document.class)).hasSize(1);
        assertThat(organization(alias).orElseThrow().getDomain(asked)).isNull();
    }

    @Test
    void aNewDomainHeldByAnotherTenantAnswers409AndNothingChanges() throws Exception {
        String domain = domain();
        create(alias(), domain).andExpect(status().isCreated());
        String alias = alias();
        create(alias).andExpect(status().isCreated());

        mvc.perform(put("/tenant").with(tenantAdmin(alias)).contentType(MediaType.APPLICATION_JSON)
                        .content(settingsBody("Renamed", domain)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The email domain " + domain + " belongs to another tenant"));

        assertThat(rawTenant(alias).getString("name")).isEqualTo("Tenant " + alias);
        assertThat(rawTenant(alias).getList("pendingDomains", Document.class)).isEmpty();
        assertThat(organization(alias).orElseThrow().getName()).isEqualTo("Tenant " + alias);
    }

    @Test
    void twoTenantsMayAskForTheSameDomainAndOnlyTheFirstApprovalWins() throws Exception {
        String first = alias();
        String second = alias();
        String domain = domain();
        create(first).andExpect(status().isCreated());
        create(second).andExpect(status().isCreated());
        // Asking first takes nothing from anyone: nobody can squat a domain.
        settings(first, domain).andExpect(status().isOk());
        settings(second, domain).andExpect(status().isOk());

        approve(first, domain).andExpect(status().isOk());
        approve(second, domain)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The email domain " + domain + " belongs to another tenant"));

        assertThat(rawTenant(second).getList("domains", String.class)).isEmpty();
        assertThat(rawTenant(second).getList("pendingDomains", Document.class)).hasSize(1);
        assertThat(organization(second).orElseThrow().getDomain(domain)).isNull();
        assertThat(organization(first).orElseThrow().getDomain(domain)).isNotNull();
    }

    @Test
    void approvingADomainKeycloakHoldsElsewhereAnswers409AndLeavesItPending() throws Exception {
        String alias = alias();
        create(alias).andExpect(status().isCreated());
        // The test realm's organization tenant-b holds this domain; no tenant of identity-service does.
        settings(alias, "tenant-b.cercle.test").andExpect(status().isOk());

        approve(alias, "tenant-b.cercle.test")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(rawTenant(alias).getList("domains", String.class)).isEmpty();
        assertThat(rawTenant(alias).getList("pendingDomains", Document.class)).hasSize(1);
        assertThat(organization(alias).orElseThrow().getDomain("tenant-b.cercle.test")).isNull();
    }

    @Test
    void droppingADomainNeedsNoApprovalAndKeycloakFollows() throws Exception {
        String alias = alias();
        String kept = domain();
        String dropped = domain();
        String refused = domain();
        create(alias, kept, dropped).andExpect(status().isCreated());

        settings(alias, kept, refused).andExpect(status().isOk());
        assertThat(organization(alias).orElseThrow().getDomain(dropped)).isNull();
        assertThat(organization(alias).orElseThrow().getDomain(kept)).isNotNull();

        // The platform admin refuses a pending domain and removes an approved one.
        mvc.perform(delete("/tenants/" + alias + "/domains/" + refused).with(platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingDomains.length()").value(0));
        mvc.perform(delete("/tenants/" + alias + "/domains/" + kept).with(platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.domains.length()").value(0));
        assertThat(organization(alias).orElseThrow().getDomains()).isNullOrEmpty();
        mvc.perform(delete("/tenants/" + alias + "/domains/" + kept).with(platformAdmin()))
                .andExpect(status().isNotFound());
    }

    @Test
    void approvingWhatIsNotPendingOrOfNoTenantIs404() throws Exception {
        String alias = alias();
        create(alias).andExpect(status().isCreated());

        approve(alias, domain())
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        approve("no-such-tenant", domain()).andExpect(status().isNotFound());
    }

    @Test
    void pendingDomainsArePagedWithAnOpaqueCursorEachExactlyOnce() throws Exception {
        var mine = new ArrayList<String>();
        for (int t = 0; t < 2; t++) {
            String alias = alias();
            create(alias).andExpect(status().isCreated());
            String[] asked = {domain(), domain(), domain()};
            settings(alias, asked).andExpect(status().isOk());
            java.util.Arrays.stream(asked).sorted().forEach(domain -> mine.add(alias + " " + domain));
        }
        mine.sort(null);

        List<String> seen = allPending(2);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
        mvc.perform(get("/pending-domains").param("cursor", "not-ours").with(platformAdmin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(get("/pending-domains").param("size", "0").with(platformAdmin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    private List<String> allPending() throws Exception {
        return allPending(100);
    }

    /** Every pending domain, "tenant domain", reading the pages one after the other. */
    private List<String> allPending(int size) throws Exception {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var request = get("/pending-domains").param("size", String.valueOf(size)).with(platformAdmin());
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = JSON.readTree(mvc.perform(request).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(size);
            page.get("items").forEach(entry -> seen.add(entry.get("tenant").asString() + " "
                    + entry.get("domain").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        return seen;
    }

    private ResultActions create(String alias, String... domains) throws Exception {
        return mvc.perform(post("/tenants").with(platformAdmin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\","
                        + "\"domains\":" + list(domains) + ",\"joinPolicy\":\"OPEN_TO_DOMAINS\"}"));
    }

    private ResultActions settings(String alias, String... domains) throws Exception {
        return mvc.perform(put("/tenant").with(tenantAdmin(alias)).contentType(MediaType.APPLICATION_JSON)
                .content(settingsBody("Tenant " + alias, domains)));
    }

    private ResultActions approve(String alias, String domain) throws Exception {
        return mvc.perform(post("/tenants/" + alias + "/domains/" + domain + "/approval").with(platformAdmin()));
    }

    private static String settingsBody(String name, String... domains) {
        return "{\"name\":\"" + name + "\",\"defaultLocale\":\"fr\",\"domains\":" + list(domains)
                + ",\"joinPolicy\":\"OPEN_TO_DOMAINS\"}";
    }

    private static String list(String... domains) {
        return JSON.writeValueAsString(List.of(domains));
    }

    private static RequestPostProcessor tenantAdmin(String alias) {
        return as("admin-of-" + alias, alias, "member", "tenant-admin");
    }

    private Optional<OrganizationRepresentation> organization(String alias) {
        return keycloak.realm("cercle").organizations().list(0, 10_000).stream()
                .filter(candidate -> alias.equals(candidate.getAlias())).findFirst()
                .map(found -> keycloak.realm("cercle").organizations().get(found.getId()).toRepresentation());
    }

    private Document rawTenant(String alias) {
        return mongo.findById(alias, Document.class, "tenants");
    }

    private static String alias() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A domain of its own for each use: Keycloak (one per build) keeps every domain once taken. */
    private static String domain() {
        return "d-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
