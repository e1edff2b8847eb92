package io.cercle.events;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.TenantCreated;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyEventTypeHasAPayloadSchemaOnTheClasspath() {
        for (EventType<?> type : EventTypes.all()) {
            assertThat(EventContractsTest.class.getClassLoader().getResource(type.schemaResource()))
                    .as(type.schemaResource()).isNotNull();
        }
    }

    @Test
    void aSerializedEventMatchesTheEnvelopeAndPayloadSchemas() {
        var event = EventEnvelope.of(IdentityEvents.TENANT_CREATED, "acme", "admin-1", "acme",
                new TenantCreated("acme", "Acme", "fr"), Instant.parse("2026-11-22T09:30:00Z"));
        JsonNode json = JSON.valueToTree(event);

        assertThat(schema("io/cercle/events/schemas/envelope.schema.json").validate(json)).isEmpty();
        assertThat(schema(IdentityEvents.TENANT_CREATED.schemaResource()).validate(json.get("data"))).isEmpty();
        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-22T09:30:00Z");
    }

    @Test
    void aPayloadThatBreaksItsSchemaIsReported() {
        JsonNode payload = JSON.valueToTree(new TenantCreated("acme", "Acme", "de"));

        assertThat(schema(IdentityEvents.TENANT_CREATED.schemaResource()).validate(payload))
                .singleElement().satisfies(error -> assertThat(error.getInstanceLocation().toString())
                        .contains("defaultLocale"));
    }

    @Test
    void anEnvelopeWithoutIdIsRejectedBeforeItExists() {
        assertThatThrownBy(() -> new EventEnvelope<>(null, "identity.tenant.created", 1, "acme", Instant.now(),
                "a", "acme", new TenantCreated("acme", "Acme", "fr"))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eventTypeNamesReadSourceAggregateFact() {
        assertThat(IdentityEvents.TENANT_CREATED.exchange()).isEqualTo("cercle.identity");
        assertThatThrownBy(() -> new EventType<>("TenantCreated", 1, TenantCreated.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventTypes.named("identity.tenant.created")).contains(IdentityEvents.TENANT_CREATED);
    }

    private static Schema schema(String resource) {
        InputStream stream = EventContractsTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(stream).as(resource).isNotNull();
        return SCHEMAS.getSchema(stream);
    }
}
