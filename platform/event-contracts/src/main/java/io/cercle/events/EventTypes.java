package io.cercle.events;

import io.cercle.events.identity.IdentityEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalogue of every event type on the bus, gathered from each publishing service's own class
 * ({@link IdentityEvents}, …); docs/events.md describes each one.
 */
public final class EventTypes {

    /** Every publishing service's list, in one catalogue. */
    private static final List<EventType<?>> ALL = Stream.of(IdentityEvents.ALL)
            .flatMap(List::stream).toList();

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
