package io.cercle.platform.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An aggregate whose document also carries the events its changes caused, not yet relayed to the bus. Saving the
 * aggregate saves its events in the same single-document write — atomic even without multi-document
 * transactions (ADR 0004). The {@link OutboxRelay} publishes them and then removes them from the document.
 */
public abstract class OutboxDocument {

    /** Field name of the pending events inside every outbox document. */
    public static final String PENDING_EVENTS = "pendingEvents";

    private List<PendingEvent> pendingEvents = new ArrayList<>();

    void stage(PendingEvent event) {
        pendingEvents.add(event);
    }

    /** Events staged on this copy of the document and not yet known to be relayed. */
    public List<PendingEvent> pendingEvents() {
        return Collections.unmodifiableList(pendingEvents);
    }
}
