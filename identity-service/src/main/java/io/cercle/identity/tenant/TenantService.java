package io.cercle.identity.tenant;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Tenants: the platform admin creates them; other features read them. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final TenantEvents events;
    private final KeycloakDirectory keycloak;
    private final Clock clock;

    TenantService(TenantRepository tenants, TenantEvents events, KeycloakDirectory keycloak, Clock clock) {
        this.tenants = tenants;
        this.events = events;
        this.keycloak = keycloak;
        this.clock = clock;
    }

    /**
     * Creates the Keycloak organization, then the tenant and, in the same document write, TenantCreated. If the
     * write fails, the organization is removed again so that nothing is half-created.
     */
    Tenant create(NewTenant request, String platformAdminId) {
        if (tenants.existsById(request.alias())) {
            throw new ConflictException("A tenant with alias " + request.alias() + " exists");
        }
        String organizationId = keycloak.createOrganization(request.alias(), request.name().strip(),
                request.domains());
        var tenant = new Tenant(request.alias(), request.name().strip(), request.defaultLocale(), organizationId,
                request.domains(), request.joinPolicy(), platformAdminId, clock.instant());
        events.created(tenant);
        try {
            return tenants.insert(tenant);
        } catch (RuntimeException e) {
            keycloak.deleteOrganization(organizationId);
            throw e;
        }
    }

    /**
     * Takes on an organization that already exists in Keycloak (made there by an operator, or imported with the
     * realm) as a tenant, with TenantCreated; an alias already known returns the existing tenant.
     */
    public Tenant adopt(String alias, String name, String organizationId, List<String> domains, Tenant.Locale locale) {
        Optional<Tenant> existing = find(alias);
        if (existing.isPresent()) {
            return existing.get();
        }
        var tenant = new Tenant(alias, name, locale, organizationId, domains, Tenant.JoinPolicy.INVITATION_ONLY,
                "keycloak", clock.instant());
        events.created(tenant);
        try {
            return tenants.insert(tenant);
        } catch (org.springframework.dao.DuplicateKeyException concurrentAdoption) {
            return get(alias);
        }
    }

    /** New settings: Keycloak's organization first (name, domains), then the tenant with TenantUpdated. */
    Tenant update(String alias, TenantSettings settings, String actorId) {
        Tenant tenant = get(alias);
        keycloak.updateOrganization(tenant.organizationId(), settings.name().strip(), settings.domains());
        tenant.update(settings);
        events.updated(tenant, actorId);
        return tenants.save(tenant);
    }

    public Tenant get(String alias) {
        return find(alias).orElseThrow(() -> new NotFoundException("Tenant", alias));
    }

    public Optional<Tenant> find(String alias) {
        return tenants.findById(alias);
    }
}
