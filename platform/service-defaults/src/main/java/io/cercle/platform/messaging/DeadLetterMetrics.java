package io.cercle.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Counts deliveries that exhausted their retries: the binder republishes those to the binding's dead-letter
 * queue and reports them on the global error channel, where this handler listens.
 */
class DeadLetterMetrics implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final MeterRegistry meters;

    DeadLetterMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void handleMessage(Message<?> message) {
        if (!(message instanceof ErrorMessage error) || error.getOriginalMessage() == null) {
            return;
        }
        Object queue = error.getOriginalMessage().getHeaders().get(AmqpHeaders.CONSUMER_QUEUE);
        if (queue == null) {
            return; // not a consumer failure
        }
        log.error("Delivery from {} sent to its dead-letter queue after its retries", queue, error.getPayload());
        Counter.builder("cercle.events.dead-lettered").tag("queue", queue.toString())
                .description("Deliveries that exhausted their retries and went to the dead-letter queue")
                .register(meters).increment();
    }
}
