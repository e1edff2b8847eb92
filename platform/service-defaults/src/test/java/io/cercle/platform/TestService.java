package io.cercle.platform;

import io.cercle.events.EventEnvelope;
import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.TenantCreated;
import io.cercle.platform.messaging.EventJournal;
import io.cercle.platform.messaging.Inbox;
import io.cercle.platform.messaging.OutboxDocument;
import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.problem.DependencyUnavailableException;
import io.cercle.platform.problem.NotFoundException;
import io.cercle.platform.security.CurrentMember;
import io.cercle.testsupport.FailFirstDelivery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.Message;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A minimal service built only from service-defaults, the way every Cercle service is; with test-support's fault
 * injection (the subjects in application.yml fail their first delivery).
 */
@SpringBootApplication
@EnableMongoRepositories(considerNestedRepositories = true)
@Import(FailFirstDelivery.class)
public class TestService {

    /** Events the test consumer applied, in order. */
    public static final List<EventEnvelope<TenantCreated>> APPLIED = new CopyOnWriteArrayList<>();

    @Bean
    Consumer<Message<byte[]>> probeConsumer(Inbox inbox) {
        return inbox.consumer("probe-consumer", IdentityEvents.TENANT_CREATED, APPLIED::add);
    }

    /** An aggregate with an outbox. */
    @org.springframework.data.mongodb.core.mapping.Document("probes")
    public static class Probe extends OutboxDocument {
        @Id
        public String id;
        public String name;

        public Probe(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public interface Probes extends MongoRepository<Probe, String> {
    }

    public record NewProbe(@NotBlank @Size(max = 20) String name, @Max(10) int weight) {
    }

    @RestController
    static class ProbeController {
        private final Probes probes;
        private final EventJournal journal;

        ProbeController(Probes probes, EventJournal journal) {
            this.probes = probes;
            this.journal = journal;
        }

        @PostMapping("/probes")
        Probe create(@Valid @RequestBody NewProbe request, CurrentMember member) {
            var probe = new Probe(java.util.UUID.randomUUID().toString(), request.name());
            journal.record(probe, EventEnvelope.of(IdentityEvents.TENANT_CREATED, member.requireTenant(),
                    member.memberId(), probe.id, new TenantCreated(probe.id, probe.name, "fr"), Instant.now()));
            return probes.save(probe);
        }

        @GetMapping("/probes/{id}")
        Probe get(@PathVariable String id) {
            return probes.findById(id).orElseThrow(() -> new NotFoundException("Probe", id));
        }
    }

    public record NewOrder(@NotBlank String item, int quantity) {
    }

    public record Order(String id, String item, int quantity, int run) {
    }

    /**
     * Creations with idempotency keys. How often each item's handler ran is counted; an item named
     * {@code wait-…} holds its handler until {@link #GATE} opens; one named {@code fail-…} fails with a 503 the first
     * time.
     */
    @RestController
    public static class OrderController {

        public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
        public static volatile CountDownLatch GATE = new CountDownLatch(0);

        @Idempotent
        @PostMapping("/orders")
        ResponseEntity<Order> create(@Valid @RequestBody NewOrder request) throws InterruptedException {
            int run = RUNS.computeIfAbsent(request.item(), item -> new AtomicInteger()).incrementAndGet();
            if (request.item().startsWith("wait-") && !GATE.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
            if (request.item().startsWith("fail-") && run == 1) {
                throw new DependencyUnavailableException("The order desk", new IllegalStateException("down"));
            }
            var order = new Order(UUID.randomUUID().toString(), request.item(), request.quantity(), run);
            return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
        }

        @Idempotent(required = true)
        @PostMapping("/payments")
        ResponseEntity<Order> pay(@Valid @RequestBody NewOrder request) {
            int run = RUNS.computeIfAbsent(request.item(), item -> new AtomicInteger()).incrementAndGet();
            return ResponseEntity.status(201).body(new Order(UUID.randomUUID().toString(), request.item(),
                    request.quantity(), run));
        }
    }
}
