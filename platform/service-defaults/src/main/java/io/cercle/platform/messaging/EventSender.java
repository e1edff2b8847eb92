package io.cercle.platform.messaging;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one relayed event to its service's topic exchange (routing key = event type) and waits for the
 * broker's publisher confirm: an event leaves the outbox only once RabbitMQ has taken responsibility for it.
 */
public class EventSender {

    /** Header carrying the event type; the producer's routing-key expression reads it. */
    public static final String EVENT_TYPE_HEADER = "cercleEventType";

    private final StreamBridge bridge;
    private final Duration confirmTimeout;
    private final boolean nackMeansUnroutable;

    /**
     * @param nackMeansUnroutable true on a broker that nacks a message no queue is bound for (Qpid Broker-J does;
     *                            RabbitMQ acks it), where such a nack means "nobody subscribes", not "lost":
     *                            {@code cercle.messaging.broker=qpid} ({@link MessagingProperties})
     */
    public EventSender(StreamBridge bridge, Duration confirmTimeout, boolean nackMeansUnroutable) {
        this.bridge = bridge;
        this.confirmTimeout = confirmTimeout;
        this.nackMeansUnroutable = nackMeansUnroutable;
    }

    public void send(PendingEvent event) {
        var correlation = new CorrelationData(event.eventId());
        Message<byte[]> message = MessageBuilder.withPayload(event.envelope().getBytes(StandardCharsets.UTF_8))
                .setHeader(EVENT_TYPE_HEADER, event.type())
                .setHeader(AmqpHeaders.MESSAGE_ID, event.eventId())
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .build();
        if (!bridge.send(event.exchange(), message)) {
            throw new EventNotPublishedException(event, "the binder refused the message");
        }
        try {
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack() && !nackMeansUnroutable) {
                throw new EventNotPublishedException(event, "the broker nacked it: " + confirm.reason());
            }
        } catch (TimeoutException e) {
            throw new EventNotPublishedException(event, "no publisher confirm within " + confirmTimeout);
        } catch (ExecutionException e) {
            throw new EventNotPublishedException(event, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(event, "interrupted while awaiting the confirm");
        }
    }

    static class EventNotPublishedException extends RuntimeException {
        EventNotPublishedException(PendingEvent event, String why) {
            super("Event " + event.eventId() + " (" + event.type() + ") not published: " + why);
        }
    }
}
