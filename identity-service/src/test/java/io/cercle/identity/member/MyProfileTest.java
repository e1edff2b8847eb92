package io.cercle.identity.member;

import io.cercle.identity.EventTap;
import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * GET /me only reads; POST /me is the explicit, idempotent step that gives a profile to someone the token names as a
 * member of the tenant but who has none yet (added to the organization directly in Keycloak).
 */
@IdentityServiceTest
class MyProfileTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Keycloak keycloak;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MongoTemplate mongo;

    private String tenant;
    private String memberId;

    @BeforeEach
    void aTenantAndSomeoneItsOrganizationHoldsWithoutAProfile() throws Exception {
        tenant = new IdentityMother(mvc, keycloak, admin, rabbit).tenant();
        memberId = "kc-" + UUID.randomUUID();
    }

    @Test
    void getMeWithoutAProfileIs404SayingToPostAndWritesNothing() throws Exception {
        mvc.perform(get("/me").with(provisionedInKeycloak()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("POST /me")));

        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(memberId)), "members")).isZero();
    }

    @Test
    void postMeCreatesTheProfileFromTheTokenOnceThenAnswersItUnchangedAndMemberJoinedIsPublishedOnce()
            throws Exception {
        var tap = EventTap.on(admin, rabbit, "identity.member.joined");

        mvc.perform(post("/me").with(provisionedInKeycloak()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.memberId").value(memberId))
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andExpect(jsonPath("$.displayName").value("Kim Keycloak"))
                .andExpect(jsonPath("$.email").value("kim@example.org"));
        mvc.perform(post("/me").with(provisionedInKeycloak()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Kim Keycloak"));
        mvc.perform(get("/me").with(provisionedInKeycloak()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(memberId));

        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(memberId)), "members")).isEqualTo(1);
        var joined = tap.awaitEvent("identity.member.joined", memberId);
        assertThat(joined.at("/data/joinedVia").asString()).isEqualTo("directory");
        assertThat(tap.count("identity.member.joined", memberId)).isEqualTo(1);
    }

    @Test
    void postMeForATenantCercleDoesNotKnowIs404AndCreatesNothing() throws Exception {
        String unknown = "unknown-" + UUID.randomUUID().toString().substring(0, 8);

        mvc.perform(post("/me").with(IdentityMother.as(memberId, unknown, "member")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(memberId)), "members")).isZero();
    }

    @Test
    void postAndGetMeWithoutATokenAre401() throws Exception {
        mvc.perform(post("/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void postAndGetMeWithATokenNamingNoTenantAre403AndCreateNothing() throws Exception {
        var noTenant = authentication(authenticationOf(keycloakJwt(memberId, null)));
        var twoTenants = authentication(authenticationOf(keycloakJwt(memberId, List.of(tenant, "other"))));

        for (var token : List.of(noTenant, twoTenants)) {
            mvc.perform(post("/me").with(token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(containsString("organization:<alias>")));
            mvc.perform(get("/me").with(token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(memberId)), "members")).isZero();
    }

    /** A token of the tenant for someone Keycloak knows by name and address, as its organization's member. */
    private RequestPostProcessor provisionedInKeycloak() {
        Jwt base = keycloakJwt(memberId, List.of(tenant), "member");
        var claims = new HashMap<>(base.getClaims());
        claims.put("email", "kim@example.org");
        claims.put("name", "Kim Keycloak");
        return authentication(authenticationOf(new Jwt(base.getTokenValue(), base.getIssuedAt(), base.getExpiresAt(),
                base.getHeaders(), claims)));
    }
}
