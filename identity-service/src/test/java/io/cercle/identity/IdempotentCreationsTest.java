package io.cercle.identity;

import io.cercle.platform.idempotency.Idempotent;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static io.cercle.identity.IdentityMother.platformAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * identity-service's creations take an Idempotency-Key: a retry after a timeout answers the first result instead
 * of creating twice or answering 409 (issue 8). The mechanism itself is service-defaults' (IdempotencyTest).
 */
@IdentityServiceTest
class IdempotentCreationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Keycloak keycloak;

    @Test
    void creatingATenantTwiceWithOneKeyCreatesOneTenantAndOneOrganizationAndAnswersTheSame() throws Exception {
        String alias = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String body = "{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\"}";

        MockHttpServletResponse first = send(post("/tenants").with(platformAdmin()), key, body);
        MockHttpServletResponse retry = send(post("/tenants").with(platformAdmin()), key, body);

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(Idempotent.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(retry.getHeader("Location")).isEqualTo(first.getHeader("Location")).isEqualTo("/tenants/" + alias);
        assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(keycloak.realm(TestKeycloak.REALM).organizations().search("Tenant " + alias, true, 0, 10))
                .hasSize(1);
        // Without the key, the same request is a second creation: refused, the alias is taken.
        assertThat(send(post("/tenants").with(platformAdmin()), null, body).getStatus()).isEqualTo(409);
    }

    @Test
    void eachInvitationEndpointAnswersARetryWithTheFirstResultAndInvitesOnce() throws Exception {
        String tenant = IdentityMother.tenant(mvc);
        String byPlatform = email();
        String byAdmin = email();
        String inBulk = email();
        var admin = as("admin-" + tenant, tenant, "member", "tenant-admin");

        List<MockHttpServletRequestBuilder> requests = List.of(
                post("/tenants/" + tenant + "/invitations").with(platformAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + byPlatform + "\",\"role\":\"tenant_admin\"}"),
                post("/invitations").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + byAdmin + "\",\"role\":\"member\"}"),
                post("/invitations/bulk").with(admin).contentType("text/csv").content("email,role\n" + inBulk + ",member\n"));
        for (MockHttpServletRequestBuilder request : requests) {
            request.header(Idempotent.HEADER, UUID.randomUUID().toString());
            MockHttpServletResponse first = mvc.perform(request).andReturn().getResponse();
            MockHttpServletResponse retry = mvc.perform(request).andReturn().getResponse();

            assertThat(first.getStatus()).as(first.getContentAsString()).isBetween(200, 299);
            assertThat(retry.getStatus()).isEqualTo(first.getStatus());
            assertThat(retry.getHeader(Idempotent.REPLAYED_HEADER)).isEqualTo("true");
            assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
        }
        // The bulk line is invited by the background job: wait for it, then check nothing was doubled.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                mongo.count(Query.query(Criteria.where("email").is(inBulk)), "invitations") > 0);
        for (String email : List.of(byPlatform, byAdmin, inBulk)) {
            assertThat(mongo.count(Query.query(Criteria.where("email").is(email)), "invitations")).as(email).isOne();
        }
    }

    @Test
    void theOpenApiDescriptionOffersTheKeyOnEveryCreation() throws Exception {
        JsonNode paths = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString())
                .path("paths");

        for (String path : List.of("/tenants", "/invitations", "/tenants/{alias}/invitations", "/invitations/bulk")) {
            JsonNode operation = paths.path(path).path("post");
            assertThat(operation.path("parameters").findValuesAsString("name")).as(path).contains(Idempotent.HEADER);
            assertThat(operation.path("responses").has("422")).as(path).isTrue();
        }
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String key, String body)
            throws Exception {
        request.contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request.header(Idempotent.HEADER, key);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String email() {
        return "i-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
