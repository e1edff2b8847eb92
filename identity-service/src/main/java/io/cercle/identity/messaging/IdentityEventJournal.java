package io.cercle.identity.messaging;

import io.cercle.events.EventEnvelope;
import io.cercle.events.EventTypes;
import io.cercle.events.identity.TenantCreated;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantEvents;
import io.cercle.platform.messaging.EventJournal;
import org.springframework.stereotype.Component;

/** Maps identity's domain changes to integration events, recorded on the changed aggregate. */
@Component
class IdentityEventJournal implements TenantEvents {

    private final EventJournal journal;

    IdentityEventJournal(EventJournal journal) {
        this.journal = journal;
    }

    @Override
    public void created(Tenant tenant) {
        journal.record(tenant, EventEnvelope.of(EventTypes.TENANT_CREATED, tenant.alias(), tenant.createdBy(),
                tenant.alias(), new TenantCreated(tenant.alias(), tenant.name(), tenant.defaultLocale().name()),
                tenant.createdAt()));
    }
}
