package io.cercle.platform.messaging;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * Proof that one consumer has applied one event: its id is {@code <consumer>:<event id>}, so a second delivery
 * finds it and is dropped. Removed after the retention period by {@link ProcessedEventRetention}.
 */
@Document(ProcessedEvent.COLLECTION)
record ProcessedEvent(@Id String id, String consumer, String eventId, String type, String tenantId,
                      String subject, Instant processedAt) {

    static final String COLLECTION = "processed_events";

    static String key(String consumer, Object eventId) {
        return consumer + ":" + eventId;
    }
}
