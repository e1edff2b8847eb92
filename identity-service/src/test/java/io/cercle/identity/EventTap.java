package io.cercle.identity;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A queue of the test's own on identity's exchange, to read what identity-service publishes. Not exclusive (the
 * connection that declared it may be replaced), and it expires by itself on a shared broker.
 */
public final class EventTap {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final Queue queue;

    private EventTap(RabbitTemplate rabbit, Queue queue) {
        this.rabbit = rabbit;
        this.queue = queue;
    }

    public static EventTap on(RabbitAdmin admin, RabbitTemplate rabbit, String routingKey) {
        var exchange = new TopicExchange("cercle.identity");
        admin.declareExchange(exchange);
        Queue queue = QueueBuilder.nonDurable("identity-test-tap-" + UUID.randomUUID()).expires(600_000).build();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(routingKey));
        return new EventTap(rabbit, queue);
    }

    /** The first published event of that type about that subject, skipping the others. */
    public JsonNode awaitEvent(String type, String subject) {
        return await().until(() -> {
            var message = rabbit.receive(queue.getName(), 200);
            if (message == null) {
                return null;
            }
            JsonNode event = JSON.readTree(message.getBody());
            return type.equals(event.get("type").asString()) && subject.equals(event.get("subject").asString())
                    ? event : null;
        }, event -> event != null);
    }
}
