package io.cercle.identity.tenant;

import io.cercle.identity.EventTap;
import io.cercle.identity.IdentityServiceTest;
import org.bson.Document;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static io.cercle.platform.security.test.Tokens.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IdentityServiceTest
class TenantApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    RabbitTemplate rabbit;


    private final org.springframework.test.web.servlet.request.RequestPostProcessor platformAdmin =
            authentication(authenticationOf(keycloakJwt("root-id", null, "platform-admin")));

    @Test
    void aPlatformAdminCreatesATenantAndItsEventIsRelayed() throws Exception {
        String alias = alias();
        // A queue of our own on identity's exchange receives what identity publishes.
        EventTap tap = EventTap.on(admin, rabbit, "identity.tenant.created");

        mvc.perform(post("/tenants").with(platformAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content(body(alias, "Acme Corp", "fr")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/tenants/" + alias))
                .andExpect(jsonPath("$.alias").value(alias))
                .andExpect(jsonPath("$.defaultLocale").value("fr"));

        mvc.perform(get("/tenants/" + alias).with(platformAdmin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Acme Corp"));
        // The event was written with the tenant, published, and left the document once the broker confirmed it.
        await().until(() -> rawTenant(alias).getList("pendingEvents", Document.class).isEmpty());
        JsonNode event = tap.awaitEvent("identity.tenant.created", alias);
        assertThat(event.get("type").asString()).isEqualTo("identity.tenant.created");
        assertThat(event.get("tenantId").asString()).isEqualTo(alias);
        assertThat(event.get("actorId").asString()).isEqualTo("root-id");
        assertThat(event.at("/data/name").asString()).isEqualTo("Acme Corp");
    }

    @Test
    void aTakenAliasGets409() throws Exception {
        String alias = alias();
        mvc.perform(post("/tenants").with(platformAdmin).contentType(MediaType.APPLICATION_JSON)
                .content(body(alias, "First", "en"))).andExpect(status().isCreated());

        mvc.perform(post("/tenants").with(platformAdmin).contentType(MediaType.APPLICATION_JSON)
                        .content(body(alias, "Second", "en")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(rawTenant(alias).getString("name")).isEqualTo("First");
    }

    @Test
    void anUnknownTenantGets404() throws Exception {
        mvc.perform(get("/tenants/does-not-exist").with(platformAdmin))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private Document rawTenant(String alias) {
        return mongo.findById(alias, Document.class, "tenants");
    }

    private static String alias() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String alias, String name, String locale) {
        return "{\"alias\":\"" + alias + "\",\"name\":\"" + name + "\",\"defaultLocale\":\"" + locale + "\"}";
    }

}
