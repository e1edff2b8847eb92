package io.cercle.identity.tenant;

import io.cercle.testsupport.CercleWebMvcTest;
import io.cercle.testsupport.TestTokens;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the web layer decides about tenants, with signed test tokens and no infrastructure: who may create, read,
 * change a tenant or approve its domains (401, 403), and which bodies are refused (400 naming the field), all before
 * TenantService is reached. What the data decides (409, 404, public mail domains) is TenantApiTest's and
 * TenantDomainsTest's, on real infrastructure.
 */
@CercleWebMvcTest({TenantController.class, TenantDomainController.class})
@MockitoBean(types = TenantService.class)
class TenantWebTest {

    private static final String TENANT = "{\"name\":\"Mine now\",\"defaultLocale\":\"en\",\"domains\":[],"
            + "\"joinPolicy\":\"INVITATION_ONLY\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantService tenants;

    private final String platformAdmin = TestTokens.of(TestUser.PLATFORM_ADMIN).bearer();

    @Test
    void creatingATenantWithoutATokenGets401Problem() throws Exception {
        mvc.perform(post("/tenants").contentType(MediaType.APPLICATION_JSON).content(newTenant("no-token")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tenants);
    }

    @Test
    void aTenantAdminCannotCreateOrReadOtherTenants() throws Exception {
        String admin = TestTokens.of(TestUser.TENANT_A_ADMIN).bearer();

        mvc.perform(post("/tenants").header(AUTHORIZATION, admin).contentType(MediaType.APPLICATION_JSON)
                        .content(newTenant("nope")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/tenants/tenant-b").header(AUTHORIZATION, admin))
                .andExpect(status().isForbidden());
        verifyNoInteractions(tenants);
    }

    @Test
    void aMemberCannotChangeTheTenant() throws Exception {
        mvc.perform(put("/tenant").header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_MEMBER).bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(TENANT))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tenants);
    }

    @Test
    void onlyAPlatformAdminDecidesOnDomains() throws Exception {
        String admin = TestTokens.of(TestUser.TENANT_A_ADMIN).bearer();

        mvc.perform(get("/pending-domains").header(AUTHORIZATION, admin)).andExpect(status().isForbidden());
        mvc.perform(post("/tenants/tenant-a/domains/tenant-a.example/approval").header(AUTHORIZATION, admin))
                .andExpect(status().isForbidden());
        verifyNoInteractions(tenants);
    }

    @Test
    void aTokenNamingTwoTenantsGets403SayingHowToChoose() throws Exception {
        String both = TestTokens.of(TestUser.CONSULTANT).organizations("tenant-a", "tenant-b").bearer();

        mvc.perform(get("/tenant").header(AUTHORIZATION, both))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("organization:<alias>")))
                .andExpect(jsonPath("$.howToChoose").exists());
        verifyNoInteractions(tenants);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alias with capitals and spaces  | {"alias":"Not Valid","name":"X","defaultLocale":"fr"}          | alias
            missing name                    | {"alias":"ok-alias","defaultLocale":"fr"}                    | name
            script tag in the name          | {"alias":"ok-alias","name":"<script>x</script>","defaultLocale":"fr"} | name
            oversized name                  | {"alias":"ok-alias","name":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","defaultLocale":"fr"} | name
            unknown locale                  | {"alias":"ok-alias","name":"X","defaultLocale":"de"}          | defaultLocale
            operator-shaped alias           | {"alias":{"$gt":""},"name":"X","defaultLocale":"fr"}          | alias
            wrong type for the name         | {"alias":"ok-alias","name":["X"],"defaultLocale":"fr"}        | name
            unknown field                   | {"alias":"ok-alias","name":"X","defaultLocale":"fr","tenantId":"b"} | tenantId
            a domain that is no domain      | {"alias":"ok-alias","name":"X","defaultLocale":"fr","domains":["Not A Domain"]} | domains[0]
            """)
    void badInputGets400NamingTheFieldBeforeAnythingIsCreated(String why, String json, String field)
            throws Exception {
        mvc.perform(post("/tenants").header(AUTHORIZATION, platformAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
        verifyNoInteractions(tenants);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a domain that is no domain | {"name":"Acme","defaultLocale":"fr","domains":["Not A Domain"],"joinPolicy":"OPEN_TO_DOMAINS"} | domains[0]
            unknown join policy        | {"name":"Acme","defaultLocale":"fr","domains":[],"joinPolicy":"EVERYONE"} | joinPolicy
            operator-shaped name       | {"name":{"$gt":""},"defaultLocale":"fr","domains":[],"joinPolicy":"INVITATION_ONLY"} | name
            """)
    void badSettingsGet400NamingTheFieldBeforeAnythingIsChanged(String why, String json, String field)
            throws Exception {
        mvc.perform(put("/tenant").header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_ADMIN).bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
        verifyNoInteractions(tenants);
    }

    private static String newTenant(String alias) {
        return "{\"alias\":\"" + alias + "\",\"name\":\"Tenant\",\"defaultLocale\":\"fr\"}";
    }
}
