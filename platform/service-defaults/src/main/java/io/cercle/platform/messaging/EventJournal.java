package io.cercle.platform.messaging;

import io.cercle.events.EventEnvelope;
import io.cercle.events.EventTypes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an integration event on the aggregate that caused it; it is saved with the aggregate and relayed later.
 * Only a service's {@code messaging} package calls this (docs/architecture.md, how to add a feature).
 */
public class EventJournal {

    private final JsonMapper json;

    public EventJournal(JsonMapper json) {
        this.json = json;
    }

    public void record(OutboxDocument aggregate, EventEnvelope<?> event) {
        String exchange = EventTypes.named(event.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()))
                .exchange();
        aggregate.stage(new PendingEvent(event.id().toString(), event.type(), exchange, event.occurredAt(),
                json.writeValueAsString(event)));
    }
}
