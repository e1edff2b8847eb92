package io.cercle.notification.delivery;

import io.cercle.notification.NotificationServiceTest;
import io.cercle.platform.page.test.Cursors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.cercle.platform.security.test.Tokens.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Which deliveries an admin sees, on the real MongoDB-protocol server: their own tenant's, newest first, page by
 * page. Who may list and which parameters are refused is DeliveryWebTest's, a web slice.
 */
@NotificationServiceTest
class DeliveryApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    private String tenant;
    private String otherTenant;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void twoTenantsWithDeliveries() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        otherTenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        delivery(tenant, "oldest", now.minusSeconds(30), Delivery.Status.SENT);
        delivery(tenant, "middle", now.minusSeconds(20), Delivery.Status.FAILED);
        delivery(tenant, "newest", now.minusSeconds(10), Delivery.Status.SENT);
        delivery(otherTenant, "foreign", now, Delivery.Status.SENT);
    }

    @Test
    void aTenantAdminSeesTheirTenantsDeliveriesNewestFirst() throws Exception {
        mvc.perform(get("/deliveries").with(member(tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.items[0].memberId").value("newest"))
                .andExpect(jsonPath("$.items[0].notification").value("welcome"))
                .andExpect(jsonPath("$.items[0].address").value("newest@example.test"))
                .andExpect(jsonPath("$.items[0].status").value("SENT"))
                .andExpect(jsonPath("$.items[1].memberId").value("middle"))
                .andExpect(jsonPath("$.items[1].status").value("FAILED"))
                .andExpect(jsonPath("$.items[2].memberId").value("oldest"))
                .andExpect(jsonPath("$.next").value(nullValue()));
    }

    @Test
    void anotherTenantsDeliveriesAreNeverVisible() throws Exception {
        mvc.perform(get("/deliveries").with(member(otherTenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].memberId").value("foreign"));
    }

    @Test
    void pagesFollowTheOpaqueCursorToTheEnd() throws Exception {
        String first = mvc.perform(get("/deliveries").param("size", "2")
                        .with(member(tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].memberId").value("newest"))
                .andExpect(jsonPath("$.items[1].memberId").value("middle"))
                .andReturn().getResponse().getContentAsString();
        String cursor = JSON.readTree(first).path("next").asString();
        assertThat(cursor).isNotBlank().doesNotContain(tenant);

        mvc.perform(get("/deliveries").param("size", "2").param("cursor", cursor)
                        .with(member(tenant, "member", "tenant-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].memberId").value("oldest"))
                .andExpect(jsonPath("$.next").value(nullValue()));
    }

    @Test
    void aCursorIssuedInAnotherTenantGets400NamingCursor() throws Exception {
        String page = mvc.perform(get("/deliveries").param("size", "1")
                        .with(member(tenant, "member", "tenant-admin")))
                .andReturn().getResponse().getContentAsString();
        String cursor = JSON.readTree(page).path("next").asString();

        mvc.perform(get("/deliveries").param("cursor", cursor)
                        .with(member(otherTenant, "member", "tenant-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"))
                .andExpect(jsonPath("$.errors[0].message").value("was issued in another tenant"));
    }

    @Test
    void aCursorThatWasNotHandedOutGets400NamingCursor() throws Exception {
        mvc.perform(get("/deliveries").param("cursor", "not-a-cursor!")
                        .with(member(tenant, "member", "tenant-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a cursor this service issued"));
    }

    @Test
    void aCursorOfAnotherListGets400NamingCursor() throws Exception {
        mvc.perform(get("/deliveries").param("cursor", Cursors.of("invitations", tenant))
                        .with(member(tenant, "member", "tenant-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"))
                .andExpect(jsonPath("$.errors[0].message").value("belongs to another list"));
    }

    @Test
    void theOpenApiDescriptionDocumentsTheListAndItsRejections() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/deliveries'].get.parameters[?(@.name == 'cursor')].schema.type")
                        .value("string"))
                .andExpect(jsonPath("$.paths['/deliveries'].get.responses['200'].content['*/*'].schema['$ref']")
                        .value("#/components/schemas/PageDeliveryView"))
                .andExpect(jsonPath("$.components.schemas.PageDeliveryView.properties.items.type").value("array"))
                .andExpect(jsonPath("$.components.schemas.PageDeliveryView.properties.next.type")
                        .value(containsInAnyOrder("string", "null")))
                .andExpect(jsonPath("$.paths['/deliveries'].get.responses['400']").exists())
                .andExpect(jsonPath("$.paths['/deliveries'].get.responses['403']").exists());
    }

    private void delivery(String tenantId, String memberId, Instant createdAt, Delivery.Status status) {
        mongo.insert(new Delivery(Delivery.idOf(tenantId, memberId, "welcome"), tenantId, memberId, "welcome",
                Delivery.Channel.EMAIL, memberId + "@example.test", memberId, "en", status,
                status == Delivery.Status.FAILED ? "MailSendException" : null, createdAt, createdAt, null));
    }
}
