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
 * Bad input on every identity endpoint that takes a body: wrong types, missing fields, oversize values, unknown
 * enum values, operator-shaped JSON and script tags all get a 400 problem naming the field, and nothing is written.
 */
@IdentityServiceTest
class IdentityBadInputTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /invitations                   | {"email":{"$gt":""}}                                            | email        | operator-shaped email
            POST | /invitations                   | {"email":"not-an-address"}                                      | email        | not an email
            POST | /invitations                   | {}                                                              | email        | missing email
            POST | /invitations                   | {"email":"a@b.example","role":"owner"}                          | role         | unknown role
            POST | /invitations                   | {"email":"<script>@x.example"}                                  | email        | script tag in email
            POST | /tenants/acme/invitations      | {"email":["a@b.example"]}                                       | email        | wrong type (platform admin)
            POST | /invitations/accept            | {"displayName":"Ann","locale":"fr"}                            | token        | missing token
            POST | /invitations/accept            | {"token":"t","displayName":"<b>Ann</b>","locale":"fr"}          | displayName  | script tag in name
            POST | /invitations/accept            | {"token":"t","displayName":"","locale":"fr"}                    | displayName  | empty name
            POST | /invitations/accept            | {"token":"t","displayName":"Ann","locale":"es"}                 | locale       | unknown locale
            POST | /invitations/accept            | {"token":{"$ne":null},"displayName":"Ann","locale":"fr"}        | token        | operator-shaped token
            POST | /invitations/accept            | {"token":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"} | token | oversize token
            POST | /invitations/accept            | {"token":"t","password":"a password we never take"}             | password     | a password is no field of ours
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","expertise":"java"}          | expertise    | wrong type for tags
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","jobTitle":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"} | jobTitle | oversize job title
            PUT  | /me                            | {"displayName":"Ann","locale":"fr","interests":["<script>"]}    | interests[0] | script tag in a tag
            PUT  | /tenant                        | {"name":"Acme","defaultLocale":"fr","domains":["Not A Domain"],"joinPolicy":"OPEN_TO_DOMAINS"} | domains[0] | bad domain
            PUT  | /tenant                        | {"name":"Acme","defaultLocale":"fr","domains":["acme.example","gmail.com"],"joinPolicy":"OPEN_TO_DOMAINS"} | domains[1] | public mail domain
            PUT  | /tenant                        | {"name":"Acme","defaultLocale":"fr","domains":[],"joinPolicy":"EVERYONE"} | joinPolicy | unknown join policy
            PUT  | /tenant                        | {"name":{"$gt":""},"defaultLocale":"fr","domains":[],"joinPolicy":"INVITATION_ONLY"} | name | operator-shaped name
            POST | /members/someone/suspension    | {"reason":{"$gt":""}}                                           | reason       | operator-shaped reason
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
