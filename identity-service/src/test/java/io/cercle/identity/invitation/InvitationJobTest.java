package io.cercle.identity.invitation;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.tenant.TenantService;
import jakarta.validation.Validator;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * CSV imports as background jobs: 202 and a status resource, a report per line without tokens, a line limit, other
 * tenants' jobs out of sight; and the workers: a job whose worker died is resumed after its last saved chunk, two
 * workers never report (or invite) a line twice, and jobs of several tenants take turns.
 */
@IdentityServiceTest
class InvitationJobTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration BOUND = Duration.ofSeconds(30);

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
    InvitationService invitations;
    @Autowired
    InvitationRepository invitationRepository;
    @Autowired
    TenantService tenants;
    @Autowired
    Validator validator;
    @Autowired
    InvitationProperties properties;
    @Autowired
    DailyInvitationQuota quota;

    private String tenant;
    private RequestPostProcessor tenantAdmin;
    private IdentityMother mother;

    @BeforeEach
    void aTenantWithItsAdmin() throws Exception {
        mother = new IdentityMother(mvc, keycloak, admin, rabbit);
        tenant = mother.tenant();
        tenantAdmin = IdentityMother.as("admin-of-" + tenant, tenant, "member", "tenant-admin");
    }

    @Test
    void aCsvImportIsAcceptedAsAJobWhoseReportGivesEveryLineAndNoToken() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String csv = "email,role\n"
                + "one-" + suffix + "@example.org\n"
                + "two-" + suffix + "@example.org,tenant_admin\n"
                + "not-an-email\n"
                + "\n"
                + "ONE-" + suffix + "@example.org\n"
                + "three-" + suffix + "@example.org,owner\n";

        String location = mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv").content(csv))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/invitations/bulk/")))
                .andExpect(jsonPath("$.status").value(org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "DONE")))
                .andExpect(jsonPath("$.lines").value(5))
                .andReturn().getResponse().getHeader("Location");

        JsonNode job = awaitDone(location, tenantAdmin);
        assertThat(job.get("processed").asInt()).isEqualTo(5);
        assertThat(job.get("finishedAt").isNull()).isFalse();
        JsonNode report = job.get("report");
        assertThat(report).hasSize(5);
        assertThat(report.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(report.get(0).get("outcome").asString()).isEqualTo("INVITED");
        assertThat(report.get(0).get("invitationId").asString()).isNotBlank();
        assertThat(report.get(1).get("outcome").asString()).isEqualTo("INVITED");
        assertThat(report.get(2).get("outcome").asString()).isEqualTo("INVALID");
        assertThat(report.get(2).get("error").asString()).startsWith("email");
        assertThat(report.get(3).get("line").asInt()).isEqualTo(6);
        assertThat(report.get(3).get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(report.get(3).get("error").asString()).isEqualTo("listed twice in this file (line 2)");
        assertThat(report.get(4).get("outcome").asString()).isEqualTo("INVALID");
        assertThat(report.get(4).get("error").asString()).isEqualTo("role must be member or tenant_admin");
        assertThat(job.toString()).doesNotContain(mother.tokenOf(report.get(0).get("invitationId").asString()));
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), Invitation.class)).isEqualTo(2);
        mvc.perform(get("/invitations").with(tenantAdmin)).andExpect(jsonPath("$.items.length()").value(2));
    }

    @Test
    void linesOverTheDailyLimitAreReportedAsLimitReached() throws Exception {
        int limit = properties.dailyLimit();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        mongo.upsert(Query.query(Criteria.where("_id").is(DailyInvitationQuota.key(tenant, today))),
                new org.springframework.data.mongodb.core.query.Update().set("count", limit - 1)
                        .set("tenantId", tenant).set("day", today.toString()), DailyInvitationQuota.COLLECTION);
        String suffix = UUID.randomUUID().toString().substring(0, 6);

        String location = mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv")
                        .content("a-" + suffix + "@example.org\nb-" + suffix + "@example.org\n"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");

        JsonNode report = awaitDone(location, tenantAdmin).get("report");
        assertThat(report.get(0).get("outcome").asString()).isEqualTo("INVITED");
        assertThat(report.get(1).get("outcome").asString()).isEqualTo("LIMIT_REACHED");
        assertThat(report.get(1).get("error").asString()).contains("resets at");
    }

    @Test
    void moreLinesThanTheLimitGets400NamingTheBodyAndStoresNothing() throws Exception {
        String csv = "email\n" + String.join("\n", IntStream.rangeClosed(1, properties.bulk().maxLines() + 1)
                .mapToObj(i -> "l" + i + "@example.org").toList());
        long jobsBefore = mongo.count(new Query(), InvitationJob.class);

        mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv").content(csv))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("1000")));
        mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv").content("email\n\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        assertThat(mongo.count(new Query(), InvitationJob.class)).isEqualTo(jobsBefore);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), Invitation.class)).isZero();
    }

    @Test
    void anotherTenantsJobIsNotFound() throws Exception {
        String location = mvc.perform(post("/invitations/bulk").with(tenantAdmin).contentType("text/csv")
                        .content("mine-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(IdentityMother.as("other-admin", mother.tenant(), "member", "tenant-admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aJobWhoseWorkerDiedIsResumedAfterItsLastSavedChunkWithoutInvitingAnyoneTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        var lines = List.of(new InvitationJob.Line(1, "saved-" + suffix + "@example.org", ""),
                new InvitationJob.Line(2, "done-unsaved-" + suffix + "@example.org", ""),
                new InvitationJob.Line(3, "left-" + suffix + "@example.org", "tenant_admin"));
        var job = new InvitationJob(UUID.randomUUID().toString(), tenant, "admin-of-" + tenant, lines,
                now.minusSeconds(120));
        // The dead worker saved line 1's report, invited line 2 without saving it, then its lease ran out.
        String savedId = InvitationJobs.invitationIdOf(job, lines.get(0));
        invitations.invite(tenant, new NewInvitation(lines.get(0).email(), null), job.requestedBy, savedId);
        String unsavedId = InvitationJobs.invitationIdOf(job, lines.get(1));
        invitations.invite(tenant, new NewInvitation(lines.get(1).email(), null), job.requestedBy, unsavedId);
        job.status = InvitationJob.Status.RUNNING;
        job.report = List.of(new InvitationJob.LineReport(1, lines.get(0).email(), InvitationJob.Outcome.INVITED,
                null, savedId));
        job.leaseOwner = "worker-of-a-replica-that-died";
        job.leaseUntil = now.minusSeconds(1);
        mongo.insert(job);

        // This replica's worker polls for jobs nobody holds.
        InvitationJob resumed = await().atMost(BOUND).until(() -> mongo.findById(job.id, InvitationJob.class),
                found -> found.status == InvitationJob.Status.DONE);

        assertThat(resumed.report).extracting(InvitationJob.LineReport::line).containsExactly(1, 2, 3);
        assertThat(resumed.report).extracting(InvitationJob.LineReport::outcome)
                .containsOnly(InvitationJob.Outcome.INVITED);
        assertThat(resumed.report.get(1).invitationId()).isEqualTo(unsavedId);
        assertThat(resumed.leaseOwner).isNull();
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), Invitation.class)).isEqualTo(3);
        assertThat(quota.used(tenant, LocalDate.now(ZoneOffset.UTC))).isEqualTo(3);
        assertThat(invitationRepository.findById(InvitationJobs.invitationIdOf(job, lines.get(2))).orElseThrow().role())
                .isEqualTo(Invitation.Role.tenant_admin);
    }

    @Test
    void twoWorkersOnOneJobNeverReportOrInviteALineTwice() throws Exception {
        // Jobs of a clock an hour ahead: not due yet for this context's own worker, so only these two compete.
        var jobs = jobsAheadOfTime(3);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String csv = String.join("\n", IntStream.rangeClosed(1, 40).mapToObj(i -> "w" + i + "-" + suffix + "@example.org")
                .toList());
        InvitationJob job = jobs.enqueue(tenant, csv, "admin-of-" + tenant);

        List<Future<Integer>> workers = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(2)) {
            for (String worker : List.of("replica-1", "replica-2")) {
                workers.add(threads.submit(() -> {
                    int turns = 0;
                    while (mongo.findById(job.id, InvitationJob.class).status != InvitationJob.Status.DONE) {
                        if (jobs.workOnce(worker)) {
                            turns++;
                        }
                    }
                    return turns;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        }

        InvitationJob done = mongo.findById(job.id, InvitationJob.class);
        assertThat(done.report).extracting(InvitationJob.LineReport::line)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(done.report).extracting(InvitationJob.LineReport::outcome).containsOnly(InvitationJob.Outcome.INVITED);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), Invitation.class)).isEqualTo(40);
        assertThat(quota.used(tenant, LocalDate.now(ZoneOffset.UTC))).isEqualTo(40);
    }

    @Test
    void jobsOfSeveralTenantsTakeTurnsChunkByChunk() throws Exception {
        var jobs = jobsAheadOfTime(5);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        InvitationJob big = jobs.enqueue(tenant, String.join("\n", IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "big" + i + "-" + suffix + "@example.org").toList()), "admin-of-" + tenant);
        String otherTenant = mother.tenant();
        InvitationJob small = jobs.enqueue(otherTenant, "small-" + suffix + "@example.org\nsmall2-" + suffix
                + "@example.org", "admin-of-" + otherTenant);

        while (mongo.findById(small.id, InvitationJob.class).status != InvitationJob.Status.DONE) {
            assertThat(jobs.workOnce("the-only-worker")).isTrue();
        }

        // The big job had its first chunk, then the small one its turn: done after the big one's first chunk.
        InvitationJob bigNow = mongo.findById(big.id, InvitationJob.class);
        assertThat(bigNow.status).isEqualTo(InvitationJob.Status.RUNNING);
        assertThat(bigNow.report).hasSize(5);
        while (jobs.workOnce("the-only-worker")) {
            // The rest of the big job.
        }
        assertThat(mongo.findById(big.id, InvitationJob.class).report).hasSize(30);
    }

    /** Invitation jobs with this chunk size, on a clock an hour ahead of this context's own worker. */
    private InvitationJobs jobsAheadOfTime(int chunkSize) {
        var bulk = properties.bulk();
        var settings = new InvitationProperties(properties.secret(), properties.ttl(), properties.acceptUrl(),
                properties.dailyLimit(), new InvitationProperties.Bulk(bulk.maxLines(), chunkSize, bulk.lease(),
                bulk.pollInterval(), bulk.retention()));
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        return new InvitationJobs(mongo, invitations, invitationRepository, tenants, validator, ahead, settings);
    }

    private JsonNode awaitDone(String location, RequestPostProcessor caller) {
        return await().atMost(BOUND).until(() -> JSON.readTree(mvc.perform(get(location).with(caller))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()),
                job -> "DONE".equals(job.get("status").asString()));
    }
}
