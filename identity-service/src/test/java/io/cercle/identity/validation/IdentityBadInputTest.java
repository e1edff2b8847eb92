package io.cercle.identity.validation;

import io.cercle.identity.IdentityServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;

import static io.cercle.identity.IdentityMother.as;
import static io.cercle.identity.IdentityMother.platformAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bad input that the full service decides: wrong types, oversize values and script tags in a profile, and a public
 * mail domain (TenantService knows the list) get a 400 problem naming the field, and nothing is written. The 400s of
 * the other bodies (tenants, invitations, acceptance, suspension) are decided before any service is reached and are
 * checked in the web slices (TenantWebTest, InvitationWebTest, MemberWebTest).
 */
@IdentityServiceTest
class IdentityBadInputTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","expertise":"java"}          | expertise    | wrong type for tags
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","jobTitle":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"} | jobTitle | oversize job title
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","interests":["<script>"]}    | interests[0] | script tag in a tag
            PUT  | /tenant                        | {"name":"Acme","defaultLocale":"fr","domains":["acme.example","gmail.com"],"joinPolicy":"OPEN_TO_DOMAINS"} | domains[1] | public mail domain
            """)
    void badInputGets400NamingTheFieldAndWritesNothing(String method, String path, String body, String field,
                                                       String why) throws Exception {
        Map<String, Long> before = counts();
        var caller = path.startsWith("/tenants/") ? platformAdmin() : as("admin-1", "acme", "member", "tenant-admin");

        mvc.perform(request(HttpMethod.valueOf(method), path).with(caller)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));

        assertThat(counts()).as(why + " wrote nothing").isEqualTo(before);
    }

    private Map<String, Long> counts() {
        return Map.of("tenants", count("tenants"), "members", count("members"), "invitations", count("invitations"),
                "invitation_jobs", count("invitation_jobs"));
    }

    private long count(String collection) {
        return mongo.count(new Query(), collection);
    }
}
