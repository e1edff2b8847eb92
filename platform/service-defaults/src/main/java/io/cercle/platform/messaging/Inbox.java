package io.cercle.platform.messaging;

import io.cercle.events.EventEnvelope;
import io.cercle.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Makes event consumers idempotent: each delivery is parsed into a typed envelope, dropped if this consumer has
 * already applied that event id, otherwise handed to the handler and then recorded as processed. A handler
 * that fails leaves no record, so the binder's retries and, at last, the dead-letter queue take over.
 * <p>
 * If the process dies after the handler's write and before the record, the event is applied again on
 * redelivery: handlers whose effect is not naturally idempotent also key that effect on the event id (one
 * ledger entry per source event, one email per notification key) — docs/architecture.md, events.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    public Inbox(MongoTemplate mongo, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * A message consumer for a Spring Cloud Stream binding.
     *
     * @param consumer a name unique within the service, e.g. {@code tenant-directory}; part of the dedup key
     * @param type     the one event type this binding receives
     * @param handler  what to do with each new event
     */
    public <T> Consumer<Message<byte[]>> consumer(String consumer, EventType<T> type,
                                                  Consumer<EventEnvelope<T>> handler) {
        return message -> accept(consumer, type, handler, message.getPayload());
    }

    <T> void accept(String consumer, EventType<T> type, Consumer<EventEnvelope<T>> handler, byte[] payload) {
        EventEnvelope<T> event = parse(type, payload);
        String key = ProcessedEvent.key(consumer, event.id());
        if (mongo.exists(Query.query(Criteria.where("_id").is(key)), ProcessedEvent.class)) {
            duplicate(consumer, event);
            return;
        }
        try {
            handler.accept(event);
        } catch (RuntimeException e) {
            log.warn("Consumer {} failed on event {} ({}); the binder retries it: {}", consumer, event.id(),
                    event.type(), e.getMessage());
            Counter.builder("cercle.events.failures").tag("consumer", consumer).tag("type", event.type())
                    .description("Deliveries whose handler failed (retried, then dead-lettered)")
                    .register(meters).increment();
            throw e;
        }
        try {
            mongo.insert(new ProcessedEvent(key, consumer, event.id().toString(), event.type(), event.tenantId(),
                    event.subject(), clock.instant()));
        } catch (DuplicateKeyException concurrentDelivery) {
            duplicate(consumer, event);
            return;
        }
        Counter.builder("cercle.events.consumed").tag("consumer", consumer).tag("type", event.type())
                .description("Events applied by a consumer").register(meters).increment();
    }

    private <T> EventEnvelope<T> parse(EventType<T> type, byte[] payload) {
        EventEnvelope<T> event;
        try {
            JavaType envelopeType = json.getTypeFactory()
                    .constructParametricType(EventEnvelope.class, type.payloadType());
            event = json.readValue(payload, envelopeType);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not a valid " + type.name() + " envelope: " + e.getMessage());
        }
        if (!type.name().equals(event.type()) || type.version() != event.version()) {
            throw new MalformedEventException("expected " + type.name() + " v" + type.version() + " but got "
                    + event.type() + " v" + event.version());
        }
        return event;
    }

    private void duplicate(String consumer, EventEnvelope<?> event) {
        log.info("Dropped duplicate delivery of event {} ({}) to {}", event.id(), event.type(), consumer);
        Counter.builder("cercle.events.duplicates").tag("consumer", consumer).tag("type", event.type())
                .description("Redeliveries of already applied events, dropped").register(meters).increment();
    }

    /** A delivery that can never be applied; after the bounded retries it lands in the dead-letter queue. */
    public static class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }
}
