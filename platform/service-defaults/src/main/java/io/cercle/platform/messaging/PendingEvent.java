package io.cercle.platform.messaging;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be relayed. The envelope is kept as the exact JSON that will
 * be published, so that the relay needs no knowledge of payload types.
 */
public record PendingEvent(String eventId, String type, String exchange, Instant occurredAt, String envelope) {
}
