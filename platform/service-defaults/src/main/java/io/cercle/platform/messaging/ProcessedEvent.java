package io.cercle.platform.messaging;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * Proof that one consumer has applied one event: its id is {@code <consumer>:<event id>}, so a second delivery
 * finds it and is dropped. Removed after the retention period by {@link ProcessedEventRetention}.
 */
@Document(ProcessedEvent.COLLECTION)
record ProcessedEvent(@Id String id, String consumer, String eventId, String type, String tenantId,
                      String subject,
                      // The retention job's query. Named as when it was created by hand, so that existing
                      // databases keep their index rather than refusing a second one on the same key.
                      @Indexed(name = "processedAt_1") Instant processedAt) {

    static final String COLLECTION = "processed_events";

    static String key(String consumer, Object eventId) {
        return consumer + ":" + eventId;
    }
}
