package io.cercle.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on the bus: a fact that happened in one tenant, about one aggregate.
 *
 * @param id         unique per event; consumers deduplicate on it
 * @param type       dotted name, {@code <source>.<aggregate>.<fact>}, e.g. {@code identity.tenant.created}
 * @param version    version of the payload schema for that type
 * @param tenantId   the tenant (Keycloak organization alias) the fact belongs to
 * @param occurredAt when the state change was committed
 * @param actorId    who caused it (a member id, or {@code system})
 * @param subject    the aggregate the fact is about
 * @param data       the payload record of {@code type}
 */
public record EventEnvelope<T>(UUID id, String type, int version, String tenantId, Instant occurredAt,
                               String actorId, String subject, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** A new event of the given type, with a fresh id. */
    public static <T> EventEnvelope<T> of(EventType<T> type, String tenantId, String actorId, String subject,
                                          T data, Instant occurredAt) {
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), tenantId, occurredAt,
                actorId, subject, data);
    }
}
