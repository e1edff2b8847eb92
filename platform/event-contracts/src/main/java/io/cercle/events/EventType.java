package io.cercle.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of event: its dotted name, the version of its payload and the record that carries the payload.
 * The first segment of the name is the publishing service ({@code identity}, {@code content}…); it names the
 * topic exchange the event is published to, and the whole name is the routing key.
 */
public record EventType<T>(String name, int version, Class<T> payloadType) {

    private static final Pattern NAME = Pattern.compile("[a-z]+(\\.[a-z][a-z-]*){2}");

    public EventType {
        Objects.requireNonNull(payloadType, "payloadType");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type must read <source>.<aggregate>.<fact>: " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** The publishing service, first segment of the name. */
    public String source() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The topic exchange this type is published to. */
    public String exchange() {
        return EventTypes.exchangeOf(source());
    }

    /** Classpath location of the JSON Schema of this type's payload. */
    public String schemaResource() {
        return "io/cercle/events/schemas/" + name + ".v" + version + ".schema.json";
    }
}
