package io.cercle.platform.idempotency;

import io.cercle.platform.TestService;
import io.cercle.platform.TestService.OrderController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static io.cercle.platform.security.test.Tokens.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Idempotency keys on a service built only from service-defaults, against the MongoDB-protocol server. */
@SpringBootTest(classes = TestService.class)
@AutoConfigureMockMvc
class IdempotencyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aRepeatWithTheSameKeyGetsTheStoredAnswerWithoutRunningAgain() throws Exception {
        String item = item("book");
        String key = key();

        MockHttpServletResponse first = order(member("acme", "member"), key, item).getResponse();
        MockHttpServletResponse repeat = order(member("acme", "member"), key, item).getResponse();

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(first.getHeader(Idempotent.REPLAYED_HEADER)).isNull();
        assertThat(repeat.getStatus()).isEqualTo(201);
        assertThat(repeat.getHeader("Location")).isEqualTo(first.getHeader("Location")).startsWith("/orders/");
        assertThat(repeat.getContentType()).startsWith("application/json");
        assertThat(repeat.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(repeat.getHeader(Idempotent.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(runs(item)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyGets422ProblemAndRunsNothing() throws Exception {
        String item = item("lamp");
        String key = key();
        order(member("acme", "member"), key, item);

        mvc.perform(post("/orders").with(member("acme", "member")).header(Idempotent.HEADER, key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(item, 2)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.detail", containsString("different request body")));
        assertThat(runs(item)).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstStillRunsGets409ProblemWithRetryAfterThenTheFirstAnswer() throws Exception {
        String item = item("wait-chair");
        String key = key();
        OrderController.GATE = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            try {
                return order(member("acme", "member"), key, item).getResponse();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(item) == 1);

        mvc.perform(post("/orders").with(member("acme", "member")).header(Idempotent.HEADER, key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(item, 1)))
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("still being processed")));

        OrderController.GATE.countDown();
        MockHttpServletResponse answer = first.get();
        assertThat(answer.getStatus()).isEqualTo(201);
        MockHttpServletResponse repeat = order(member("acme", "member"), key, item).getResponse();
        assertThat(repeat.getStatus()).isEqualTo(201);
        assertThat(repeat.getContentAsString()).isEqualTo(answer.getContentAsString());
        assertThat(runs(item)).isEqualTo(1);
    }

    @Test
    void anotherCallersSameKeyNeverGetsTheFirstCallersAnswer() throws Exception {
        String item = item("pen");
        String key = key();
        String mine = order(caller("member-a", "acme"), key, item).getResponse().getContentAsString();

        String otherMember = order(caller("member-b", "acme"), key, item).getResponse().getContentAsString();
        String sameMemberOtherTenant = order(caller("member-a", "globex"), key, item).getResponse()
                .getContentAsString();
        String platformAdmin = order(caller("root-1", null), key, item).getResponse().getContentAsString();
        String anotherPlatformAdmin = order(caller("root-2", null), key, item).getResponse().getContentAsString();
        String platformAdminAgain = order(caller("root-1", null), key, item).getResponse().getContentAsString();

        assertThat(List.of(mine, otherMember, sameMemberOtherTenant, platformAdmin, anotherPlatformAdmin))
                .extracting(answer -> JSON.readTree(answer).get("id").asString()).doesNotHaveDuplicates();
        assertThat(platformAdminAgain).isEqualTo(platformAdmin);
        assertThat(runs(item)).isEqualTo(5);
    }

    @Test
    void theSameKeyOnAnotherEndpointIsAnotherRequest() throws Exception {
        String item = item("cup");
        String key = key();
        order(member("acme", "member"), key, item);

        mvc.perform(post("/payments").with(member("acme", "member")).header(Idempotent.HEADER, key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(item, 1)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist(Idempotent.REPLAYED_HEADER));
        assertThat(runs(item)).isEqualTo(2);
    }

    @Test
    void aFailedRequestReleasesItsKeySoThatTheRetryRunsAgain() throws Exception {
        String item = item("fail-desk");
        String key = key();

        assertThat(order(member("acme", "member"), key, item).getResponse().getStatus()).isEqualTo(503);
        MockHttpServletResponse retry = order(member("acme", "member"), key, item).getResponse();

        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(Idempotent.REPLAYED_HEADER)).isNull();
        assertThat(JSON.readTree(retry.getContentAsString()).get("run").asInt()).isEqualTo(2);
        assertThat(order(member("acme", "member"), key, item).getResponse().getHeader(Idempotent.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(runs(item)).isEqualTo(2);
    }

    @Test
    void aRejectedRequestDoesNotUseItsKeyUp() throws Exception {
        String key = key();
        mvc.perform(post("/orders").with(member("acme", "member")).header(Idempotent.HEADER, key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"item\":\" \",\"quantity\":1}"))
                .andExpect(status().isBadRequest());

        // The caller corrects the body and retries with the same key: it runs, no 422.
        assertThat(order(member("acme", "member"), key, item("fixed")).getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void withoutAKeyEveryRequestRuns() throws Exception {
        String item = item("mug");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/orders").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                            .content(body(item, 1)))
                    .andExpect(status().isCreated());
        }
        assertThat(runs(item)).isEqualTo(2);
    }

    @Test
    void aKeyOutsideTheSafeCharactersOrLengthGets400NamingTheHeader() throws Exception {
        for (String bad : List.of("", "has space", "<script>", "é", "k".repeat(129))) {
            mvc.perform(post("/orders").with(member("acme", "member")).header(Idempotent.HEADER, bad)
                            .contentType(MediaType.APPLICATION_JSON).content(body(item("bad"), 1)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value(Idempotent.HEADER))
                    .andExpect(jsonPath("$.detail", containsString(Idempotent.HEADER)));
        }
        assertThat(order(member("acme", "member"), "k".repeat(128), item("long")).getResponse().getStatus())
                .isEqualTo(201);
    }

    @Test
    void anEndpointThatRequiresAKeyRefusesARequestWithoutOne() throws Exception {
        String item = item("rent");
        mvc.perform(post("/payments").with(member("acme", "member")).contentType(MediaType.APPLICATION_JSON)
                        .content(body(item, 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(Idempotent.HEADER))
                .andExpect(jsonPath("$.errors[0].message").value("is required for this request"));
        assertThat(runs(item)).isZero();
    }

    @Test
    void aRequestWithoutATokenGets401AndClaimsNothing() throws Exception {
        String key = key();
        mvc.perform(post("/orders").header(Idempotent.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                        .content(body(item("anonymous"), 1)))
                .andExpect(status().isUnauthorized());
        assertThat(mongo.count(Query.query(Criteria.where("key").is(key)), IdempotencyRecord.COLLECTION)).isZero();
    }

    @Test
    void theOpenApiDescriptionDocumentsTheHeaderAndItsProblems() throws Exception {
        JsonNode paths = JSON.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).path("paths");

        JsonNode orders = paths.path("/orders").path("post");
        JsonNode header = parameter(orders, Idempotent.HEADER);
        assertThat(header.path("in").asString()).isEqualTo("header");
        assertThat(header.path("required").asBoolean()).isFalse();
        assertThat(header.path("schema").path("maxLength").asInt()).isEqualTo(128);
        assertThat(orders.path("responses").path("409").path("description").asString())
                .contains("still being processed");
        assertThat(orders.path("responses").path("422").path("content").has("application/problem+json")).isTrue();
        // springdoc documents this ResponseEntity as 200; an @ApiResponse(201) would be documented the same way.
        assertThat(orders.path("responses").path("200").path("headers").has(Idempotent.REPLAYED_HEADER)).isTrue();
        assertThat(parameter(paths.path("/payments").path("post"), Idempotent.HEADER).path("required").asBoolean())
                .isTrue();
        assertThat(parameter(paths.path("/probes").path("post"), Idempotent.HEADER).isMissingNode()).isTrue();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private org.springframework.test.web.servlet.MvcResult order(RequestPostProcessor caller, String key, String item)
            throws Exception {
        return mvc.perform(post("/orders").with(caller).header(Idempotent.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).content(body(item, 1))).andReturn();
    }

    private static RequestPostProcessor caller(String memberId, String tenant) {
        return authentication(authenticationOf(keycloakJwt(memberId, tenant == null ? null : List.of(tenant),
                tenant == null ? new String[]{"platform-admin"} : new String[]{"member"})));
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (name.equals(parameter.path("name").asString())) {
                return parameter;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private static String body(String item, int quantity) {
        return "{\"item\":\"" + item + "\",\"quantity\":" + quantity + "}";
    }

    private static int runs(String item) {
        AtomicInteger runs = OrderController.RUNS.get(item);
        return runs == null ? 0 : runs.get();
    }

    private static String item(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
