package io.cercle.events;

import io.cercle.events.identity.TenantCreated;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of every event type on the bus; docs/events.md describes each one. */
public final class EventTypes {

    /** A tenant (a Keycloak organization) was created by a platform admin. */
    public static final EventType<TenantCreated> TENANT_CREATED =
            new EventType<>("identity.tenant.created", 1, TenantCreated.class);

    private static final List<EventType<?>> ALL = List.of(TENANT_CREATED);

    private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The topic exchange a service publishes to: {@code cercle.<source>}. */
    public static String exchangeOf(String source) {
        return "cercle." + source;
    }
}
