package io.cercle.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays the events waiting in outbox documents to RabbitMQ. It runs on one thread, every {@code interval} and
 * at once after an outbox document is saved; across replicas a ShedLock lock lets one relay at a time. Each
 * event is published with a publisher confirm and only then pulled from its document, so a crash in between
 * publishes it again (consumers drop the duplicate) but never loses it.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LOCK_NAME = "outbox-relay";

    private final MongoTemplate mongo;
    private final EventSender sender;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final OutboxProperties properties;
    private final Timer lag;
    private final Counter failures;
    private final MeterRegistry meters;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public OutboxRelay(MongoTemplate mongo, EventSender sender, LockingTaskExecutor locks, Clock clock,
                       OutboxProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.sender = sender;
        this.locks = locks;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.lag = Timer.builder("cercle.outbox.relay.lag")
                .description("Time from an event's state change to its confirmed publication")
                .publishPercentileHistogram()
                .register(meters);
        this.failures = Counter.builder("cercle.outbox.relay.failures")
                .description("Aggregates whose events could not be published in a relay pass (retried later)")
                .register(meters);
        Gauge.builder("cercle.outbox.pending", pending, AtomicInteger::get)
                .description("Events waiting in outbox documents at the last relay pass")
                .register(meters);
    }

    /** Asks for a relay pass as soon as possible (after an outbox document was saved). */
    public void wake() {
        if (executor != null && wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                relayUnderLock();
            });
        }
    }

    /** One pass over every outbox collection; returns how many events were published. */
    public int relayOnce() {
        int published = 0;
        int waiting = 0;
        for (String collection : outboxCollections()) {
            Query query = Query.query(Criteria.where(OutboxDocument.PENDING_EVENTS + ".0").exists(true))
                    .limit(properties.batchSize());
            query.fields().include(OutboxDocument.PENDING_EVENTS);
            for (Document document : mongo.find(query, Document.class, collection)) {
                List<Document> events = document.getList(OutboxDocument.PENDING_EVENTS, Document.class);
                waiting += events.size();
                try {
                    for (Document event : events) {
                        relay(collection, document.get("_id"), toPendingEvent(event));
                        published++;
                        waiting--;
                    }
                } catch (RuntimeException e) {
                    // This aggregate's later events wait (their order matters); other aggregates go on.
                    failures.increment();
                    log.warn("Outbox relay could not publish from {} {}: {}", collection, document.get("_id"),
                            e.getMessage());
                }
            }
        }
        pending.set(waiting);
        return published;
    }

    private void relay(String collection, Object documentId, PendingEvent event) {
        sender.send(event);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
                new Update().pull(OutboxDocument.PENDING_EVENTS, new Document("eventId", event.eventId())),
                collection);
        lag.record(Duration.between(event.occurredAt(), clock.instant()));
        Counter.builder("cercle.events.published").tag("type", event.type())
                .description("Events relayed to the bus and confirmed by the broker")
                .register(meters).increment();
    }

    private void relayUnderLock() {
        try {
            locks.executeWithLock((Runnable) this::relayOnce, new LockConfiguration(clock.instant(), LOCK_NAME,
                    properties.lockAtMostFor(), Duration.ZERO));
        } catch (RuntimeException e) {
            // The next pass retries: the event is still in its document.
            log.warn("Outbox relay pass failed: {}", e.getMessage());
        }
    }

    private List<String> outboxCollections() {
        return mongo.getConverter().getMappingContext().getPersistentEntities().stream()
                .filter(entity -> OutboxDocument.class.isAssignableFrom(entity.getType()))
                .map(MongoPersistentEntity::getCollection)
                .distinct()
                .toList();
    }

    private static PendingEvent toPendingEvent(Document event) {
        Object occurredAt = event.get("occurredAt");
        Instant instant = occurredAt instanceof Date date ? date.toInstant() : Instant.parse(occurredAt.toString());
        return new PendingEvent(event.getString("eventId"), event.getString("type"), event.getString("exchange"),
                instant, event.getString("envelope"));
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::relayUnderLock, 0, interval, TimeUnit.MILLISECONDS);
        log.info("Outbox relay started (every {} ms)", interval);
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(properties.confirmTimeout().toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
