package io.cercle.identity.tenant;

import io.cercle.platform.problem.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;

@Service
class TenantService {

    private final TenantRepository tenants;
    private final TenantEvents events;
    private final Clock clock;

    TenantService(TenantRepository tenants, TenantEvents events, Clock clock) {
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the tenant and, in the same write, the TenantCreated event. */
    Tenant create(NewTenant request, String platformAdminId) {
        if (tenants.existsById(request.alias())) {
            throw new DuplicateKeyException("tenant " + request.alias() + " exists");
        }
        var tenant = new Tenant(request.alias(), request.name().strip(), request.defaultLocale(), platformAdminId,
                clock.instant());
        events.created(tenant);
        return tenants.insert(tenant);
    }

    Tenant get(String alias) {
        return tenants.findById(alias).orElseThrow(() -> new NotFoundException("Tenant", alias));
    }
}
