package io.cercle.identity.invitation;

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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static io.cercle.identity.IdentityMother.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What tenant admins do with invitations: list the pending ones, revoke one, within a daily limit. */
@IdentityServiceTest
class InvitationAdministrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Keycloak keycloak;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    DailyInvitationQuota quota;
    @Autowired
    InvitationProperties properties;
    @Autowired
    Clock clock;

    private IdentityMother mother;
    private String tenant;
    private RequestPostProcessor tenantAdmin;

    @BeforeEach
    void aTenantWithItsAdmin() throws Exception {
        mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        tenant = mother.tenant();
        tenantAdmin = IdentityMother.as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }

    @Test
    void tenantAdminsListPendingInvitationsNewestFirstPageByPage() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            emails.add("pending-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org");
            invite(emails.getLast(), i == 0 ? "tenant_admin" : "member");
        }
        revoke(invitationOf(emails.get(1)));
        String otherTenant = mother.tenant();
        mvc.perform(post("/invitations").with(IdentityMother.as("other-admin", otherTenant, "member", "tenant-admin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"elsewhere@example.org\"}"))
                .andExpect(status().isCreated());

        JsonNode first = JSON.readTree(mvc.perform(get("/invitations").param("size", "2").with(tenantAdmin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].email").value(emails.get(3)))
                .andExpect(jsonPath("$.items[0].role").value("member"))
                .andExpect(jsonPath("$.items[0].invitedBy").value("admin-of-" + tenant))
                .andExpect(jsonPath("$.items[0].expiresAt").isNotEmpty())
                .andExpect(jsonPath("$.items[0].token").doesNotExist())
                .andExpect(jsonPath("$.items[1].email").value(emails.get(2)))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(get("/invitations").param("size", "2").param("cursor", first.get("next").asString())
                        .with(tenantAdmin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].email").value(emails.get(0)))
                .andExpect(jsonPath("$.items[0].role").value("tenant_admin"))
                .andExpect(jsonPath("$.next").value(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void aRevokedInvitationCannotBeAcceptedAndRevokingAgainChangesNothing() throws Exception {
        IdentityMother.Person invitee = mother.person("Rita Revoked");
        String id = invite(invitee.email(), "member");
        String token = mother.tokenOf(id);

        revoke(id);
        revoke(id);

        mvc.perform(post("/invitations/accept").with(signedInAs(invitee)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\"}"))
                .andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revoked")));
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), "members")).isZero();
        mvc.perform(get("/invitations").with(tenantAdmin)).andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void anAcceptedInvitationCannotBeRevoked() throws Exception {
        IdentityMother.Person invitee = mother.person("Adam Accepted");
        String id = invite(invitee.email(), "member");
        mvc.perform(post("/invitations/accept").with(signedInAs(invitee)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\":\"" + mother.tokenOf(id) + "\"}")).andExpect(status().isOk());

        mvc.perform(delete("/invitations/" + id).with(tenantAdmin))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anotherTenantsAdminGets404AndTheInvitationStaysPending() throws Exception {
        String id = invite("kept-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org", "member");
        var otherAdmin = IdentityMother.as("other-admin", mother.tenant(), "member", "tenant-admin");

        mvc.perform(delete("/invitations/" + id).with(otherAdmin))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/invitations").with(otherAdmin)).andExpect(jsonPath("$.items.length()").value(0));

        mvc.perform(get("/invitations").with(tenantAdmin))
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].status").value("PENDING"));
    }

    @Test
    void overTheDailyLimitAnInvitationGets429SayingWhenItResetsAndIsNotSent() throws Exception {
        int limit = properties.dailyLimit();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        usedToday(limit - 1);

        invite("last-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org", "member");
        String refused = "refused-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String resetsAt = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + refused + "\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("resets at " + resetsAt)))
                .andExpect(jsonPath("$.resetsAt").value(resetsAt))
                .andExpect(jsonPath("$.limit").value(limit))
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")));

        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant).and("email").is(refused)),
                "invitations")).isZero();
        assertThat(quota.used(tenant, today)).isEqualTo(limit);
        // Another tenant's allowance is its own.
        mvc.perform(post("/invitations").with(IdentityMother.as("other-admin", mother.tenant(), "member", "tenant-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + refused + "\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void aDuplicateInvitationDoesNotCountAgainstTheLimit() throws Exception {
        String email = "counted-once-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        invite(email, "member");

        mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\"}")).andExpect(status().isConflict());

        assertThat(quota.used(tenant, today)).isEqualTo(1);
    }

    @Test
    void concurrentInvitationsNeverGoPastTheLimit() throws Exception {
        int limit = properties.dailyLimit();
        usedToday(limit - 5);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> {
                try {
                    quota.take(tenant);
                    return true;
                } catch (DailyInvitationQuota.LimitReached refused) {
                    return false;
                }
            });
        }

        List<Boolean> outcomes = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (var outcome : threads.invokeAll(attempts)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).filteredOn(taken -> taken).hasSize(5);
        assertThat(quota.used(tenant, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))).isEqualTo(limit);
        assertThat(catchThrowable(() -> quota.take(tenant))).isInstanceOf(DailyInvitationQuota.LimitReached.class);
    }

    @Test
    void badListParametersGet400NamingThem() throws Exception {
        mvc.perform(get("/invitations").param("size", "0").with(tenantAdmin))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/invitations").param("size", "101").with(tenantAdmin))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/invitations").param("cursor", "%%%").with(tenantAdmin))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(delete("/invitations/" + "x".repeat(65)).with(tenantAdmin))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("invitationId"));
    }

    private String invite(String email, String role) throws Exception {
        return JSON.readTree(mvc.perform(post("/invitations").with(tenantAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    private void revoke(String id) throws Exception {
        mvc.perform(delete("/invitations/" + id).with(tenantAdmin)).andExpect(status().isNoContent());
    }

    private String invitationOf(String email) {
        return mongo.findOne(Query.query(Criteria.where("tenantId").is(tenant).and("email").is(email)),
                Invitation.class).id();
    }

    /** As if the tenant had already sent {@code count} invitations today. */
    private void usedToday(int count) {
        LocalDate today = LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        mongo.upsert(Query.query(Criteria.where("_id").is(DailyInvitationQuota.key(tenant, today))),
                new Update().set("count", count).set("tenantId", tenant).set("day", today.toString()),
                DailyInvitationQuota.COLLECTION);
    }
}
