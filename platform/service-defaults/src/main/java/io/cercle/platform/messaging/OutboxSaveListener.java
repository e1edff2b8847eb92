package io.cercle.platform.messaging;

import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/** Wakes the relay as soon as an aggregate with pending events is saved, so that events leave within ms. */
class OutboxSaveListener implements ApplicationListener<AfterSaveEvent<?>> {

    private final OutboxRelay relay;

    OutboxSaveListener(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onApplicationEvent(AfterSaveEvent<?> event) {
        if (event.getSource() instanceof OutboxDocument document && !document.pendingEvents().isEmpty()) {
            relay.wake();
        }
    }
}
