package io.cercle.identity;

import io.cercle.testsupport.TestBusNames;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A queue of the test's own on identity's exchange, to read what identity-service publishes. Not exclusive (the
 * connection that declared it may be replaced), and it expires by itself on a shared broker. Events read while
 * waiting for another one are kept, so several can be awaited in any order.
 */
public final class EventTap {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final Queue queue;
    private final List<JsonNode> received = new ArrayList<>();

    private EventTap(RabbitTemplate rabbit, Queue queue) {
        this.rabbit = rabbit;
        this.queue = queue;
    }

    public static EventTap on(RabbitAdmin admin, RabbitTemplate rabbit, String routingKey) {
        var exchange = new TopicExchange(TestBusNames.exchange("cercle.identity"));
        admin.declareExchange(exchange);
        Queue queue = QueueBuilder.nonDurable("identity-test-tap-" + UUID.randomUUID()).expires(600_000).build();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(routingKey));
        return new EventTap(rabbit, queue);
    }

    /** The first published event of that type about that subject. */
    public synchronized JsonNode awaitEvent(String type, String subject) {
        return await().until(() -> find(type, subject).or(() -> {
            var message = rabbit.receive(queue.getName(), 200);
            if (message != null) {
                received.add(JSON.readTree(message.getBody()));
            }
            return find(type, subject);
        }).orElse(null), event -> event != null);
    }

    /** How many events of that type about that subject arrived so far (reading what is waiting first). */
    public synchronized long count(String type, String subject) {
        for (var message = rabbit.receive(queue.getName(), 200); message != null;
             message = rabbit.receive(queue.getName(), 200)) {
            received.add(JSON.readTree(message.getBody()));
        }
        return received.stream().filter(event -> matches(event, type, subject)).count();
    }

    private Optional<JsonNode> find(String type, String subject) {
        return received.stream().filter(event -> matches(event, type, subject)).findFirst();
    }

    private static boolean matches(JsonNode event, String type, String subject) {
        return type.equals(event.get("type").asString()) && subject.equals(event.get("subject").asString());
    }
}
