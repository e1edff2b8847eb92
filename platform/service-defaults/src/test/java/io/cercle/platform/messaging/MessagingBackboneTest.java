package io.cercle.platform.messaging;

import io.cercle.testsupport.TestBusNames;
import io.cercle.events.EventEnvelope;
import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.TenantCreated;
import io.cercle.platform.TestService;
import io.cercle.platform.TestService.Probe;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backbone inside one service, against the real broker and the MongoDB-protocol server: outbox, relay with
 * confirms, idempotent consumption, bounded retries and the dead-letter queue.
 */
@SpringBootTest(classes = TestService.class)
class MessagingBackboneTest {

    private static final String QUEUE = TestBusNames.queue("cercle.identity.service-defaults-test.probes");
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Autowired
    TestService.Probes probes;
    @Autowired
    EventJournal journal;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyTheQueuesOfLeftoversOfEarlierRuns() {
        // The local RabbitMQ outlives test runs; other modules' tests publish identity events too.
        admin.purgeQueue(QUEUE + ".dlq");
    }

    @Test
    void anEventSavedWithItsAggregateIsRelayedAndAppliedOnce() {
        String subject = saveProbeWithEvent();

        await().atMost(BOUND).until(() -> appliedCount(subject) == 1);
        await().atMost(BOUND).until(() -> probes.findById(subject).orElseThrow().pendingEvents().isEmpty());
        assertThat(appliedCount(subject)).isEqualTo(1);
        assertThat(meters.get("cercle.events.published").tag("type", "identity.tenant.created").counter().count())
                .isPositive();
        assertThat(meters.get("cercle.outbox.relay.lag").timer().count()).isPositive();
    }

    @Test
    void theEventIsStoredInTheSameDocumentWriteAsTheChange() {
        var probe = new Probe(UUID.randomUUID().toString(), "atomic");
        journal.record(probe, tenantCreated(probe.id));

        // Written with the template, bypassing the save listener: the event waits in the document itself.
        mongo.insert(probe);
        var stored = mongo.findById(probe.id, org.bson.Document.class, "probes");

        assertThat(stored.getList(OutboxDocument.PENDING_EVENTS, org.bson.Document.class))
                .singleElement().satisfies(event -> assertThat(event.getString("type"))
                        .isEqualTo("identity.tenant.created"));
        await().atMost(BOUND).until(() -> appliedCount(probe.id) == 1);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String subject = UUID.randomUUID().toString();
        byte[] envelope = envelopeJson(tenantCreated(subject));
        double duplicatesBefore = duplicates();

        publishRaw(envelope);
        publishRaw(envelope);

        await().atMost(BOUND).until(() -> duplicates() >= duplicatesBefore + 1);
        assertThat(appliedCount(subject)).isEqualTo(1);
    }

    @Test
    void anEventWhoseFirstDeliveryFailsIsRetriedAndAppliedOnce() {
        // test-support's FailFirstDelivery (cercle.test.inbox.fail-once-subjects=flaky-probe in application.yml) makes
        // the first delivery fail inside the inbox, as a failing handler would.
        double failuresBefore = failures();

        publishRaw(envelopeJson(tenantCreated("flaky-probe")));

        await().atMost(BOUND).until(() -> appliedCount("flaky-probe") == 1);
        assertThat(failures()).isEqualTo(failuresBefore + 1);
        assertThat(rabbit.receive(QUEUE + ".dlq", 200)).isNull();
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueueWhileLaterMessagesFlow() {
        double deadLetteredBefore = deadLettered();

        String poison = "{\"this is\": \"not an envelope " + UUID.randomUUID() + "\"}";
        publishRaw(poison.getBytes(StandardCharsets.UTF_8));
        String later = saveProbeWithEvent();

        await().atMost(BOUND).until(() -> appliedCount(later) == 1);
        Message deadLetter = await().atMost(BOUND).until(() -> rabbit.receive(QUEUE + ".dlq", 200),
                message -> message != null && new String(message.getBody(), StandardCharsets.UTF_8).equals(poison));
        assertThat(String.valueOf(deadLetter.getMessageProperties().<Object>getHeader("x-exception-stacktrace")))
                .contains("MalformedEventException");
        await().atMost(BOUND).until(() -> deadLettered() >= deadLetteredBefore + 1);
    }

    private String saveProbeWithEvent() {
        var probe = new Probe(UUID.randomUUID().toString(), "probe");
        journal.record(probe, tenantCreated(probe.id));
        probes.save(probe);
        return probe.id;
    }

    private static EventEnvelope<TenantCreated> tenantCreated(String subject) {
        return EventEnvelope.of(IdentityEvents.TENANT_CREATED, "acme", "tester", subject,
                new TenantCreated(subject, "Probe", "fr"), Instant.now());
    }

    private byte[] envelopeJson(EventEnvelope<TenantCreated> event) {
        var probe = new Probe("unused", "unused");
        journal.record(probe, event);
        return probe.pendingEvents().getFirst().envelope().getBytes(StandardCharsets.UTF_8);
    }

    /** Straight into this consumer's queue (default exchange), as a redelivery would arrive. */
    private void publishRaw(byte[] body) {
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbit.send("", QUEUE, new Message(body, properties));
    }

    private static long appliedCount(String subject) {
        return TestService.APPLIED.stream().filter(event -> event.subject().equals(subject)).count();
    }

    private double duplicates() {
        var counter = meters.find("cercle.events.duplicates").counter();
        return counter == null ? 0 : counter.count();
    }

    private double failures() {
        var counter = meters.find("cercle.events.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        var counter = meters.find("cercle.events.dead-lettered").counter();
        return counter == null ? 0 : counter.count();
    }
}
