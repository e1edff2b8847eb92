package io.cercle.identity.tenant;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.platform.page.KeysetList;
import io.cercle.platform.page.Page;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants: the platform admin creates them; other features read them.
 *
 * <h2>Email domains, and why claiming one needs a platform admin's approval</h2>
 * A tenant's approved email domains open it to self-registration (join policy {@code OPEN_TO_DOMAINS}: anyone whose
 * verified address is at one of them may join) and are the domains of its Keycloak organization. Whoever sets a
 * domain therefore decides who may walk into the tenant, and takes the domain from every other tenant (a domain
 * belongs to one organization at most). So a domain needs proof that the organisation owns it:
 * <ul>
 *   <li>Domains given by the platform admin when creating a tenant are approved at once: the platform admin is the
 *   one who checks.</li>
 *   <li>Domains a tenant admin adds ({@code PUT /tenant}) are <em>pending</em>: recorded with who asked and when,
 *   without effect — no self-registration, not in Keycloak — until a platform admin approves them
 *   ({@code POST /tenants/{alias}/domains/{domain}/approval}) or removes them. {@code GET /pending-domains} lists
 *   what awaits.</li>
 * </ul>
 * Why an approval rather than a verification link sent to an address of the domain: a link proves that someone reads
 * one mailbox there, not that the organisation agrees to open itself to the whole domain (any employee, or a
 * catch-all address, would do), and it would make identity send mail, which is notification-service's job. A DNS
 * record check would mean the service queries outside resolvers, which it does nowhere else. The approval keeps a
 * person accountable, and the pending list is short: tenants change domains rarely.
 * <p>
 * Pending claims do not block anyone: two tenants may ask for the same domain, so that nobody can squat a domain by
 * asking first; the platform admin approves one. A domain another tenant holds (approved) answers 409 at once.
 * Public mail domains (gmail.com, orange.fr…, see {@link PublicMailDomains}) are refused (400).
 * <p>
 * Our tenant document is the reference; Keycloak's organization follows it. Every change calls Keycloak first (if it
 * refuses, nothing is written), then saves the tenant; if that save fails, Keycloak is set back to what the stored
 * tenant says, so that both agree after any failure.
 */
@Service
public class TenantService {

    /** Pending domains across tenants (platform admins): by tenant, then by domain, the entry's id in its tenant. */
    private static final KeysetList PENDING_DOMAINS = KeysetList.named("pending-domains", Sort.by("tenant"));

    private static final Logger log = LoggerFactory.getLogger(TenantService.class);

    private final TenantRepository tenants;
    private final MongoTemplate mongo;
    private final TenantEvents events;
    private final KeycloakDirectory keycloak;
    private final PublicMailDomains publicMailDomains;
    private final Clock clock;

    TenantService(TenantRepository tenants, MongoTemplate mongo, TenantEvents events, KeycloakDirectory keycloak,
                  PublicMailDomains publicMailDomains, Clock clock) {
        this.tenants = tenants;
        this.mongo = mongo;
        this.events = events;
        this.keycloak = keycloak;
        this.publicMailDomains = publicMailDomains;
        this.clock = clock;
    }

    /**
     * Creates the Keycloak organization, then the tenant and, in the same document write, TenantCreated. If the
     * write fails, the organization is removed again so that nothing is half-created. The platform admin's domains
     * are approved at once.
     */
    Tenant create(NewTenant request, String platformAdminId) {
        checkDomains(request.domains());
        if (tenants.existsById(request.alias())) {
            throw new ConflictException("A tenant with alias " + request.alias() + " exists");
        }
        request.domains().forEach(domain -> refuseHeldElsewhere(domain, request.alias()));
        String organizationId = keycloak.createOrganization(request.alias(), request.name().strip(),
                request.domains());
        var tenant = new Tenant(request.alias(), request.name().strip(), request.defaultLocale(), organizationId,
                request.domains(), request.joinPolicy(), platformAdminId, clock.instant());
        events.created(tenant);
        try {
            return tenants.insert(tenant);
        } catch (RuntimeException e) {
            try {
                keycloak.deleteOrganization(organizationId);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
                log.error("Tenant {} was not saved and its Keycloak organization {} could not be removed",
                        request.alias(), organizationId, cleanup);
            }
            if (e instanceof DuplicateKeyException) {
                throw new ConflictException("A tenant with alias " + request.alias() + " exists");
            }
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

    /**
     * New settings, with TenantUpdated. Domains the tenant did not have become pending (see the class comment);
     * dropping a domain needs no approval. Keycloak's organization (name, approved domains) first, then the tenant.
     */
    Tenant update(String alias, TenantSettings settings, String actorId) {
        checkDomains(settings.domains());
        Tenant tenant = get(alias);
        tenant.newlyRequested(settings.domains()).forEach(domain -> refuseHeldElsewhere(domain, alias));
        String name = tenant.name();
        List<String> approved = tenant.domains();
        tenant.update(settings, actorId, clock.instant());
        events.updated(tenant, actorId);
        if (name.equals(tenant.name()) && approved.equals(tenant.domains())) {
            return tenants.save(tenant);
        }
        keycloak.updateOrganization(tenant.organizationId(), tenant.name(), tenant.domains());
        return saveFollowedByKeycloak(tenant);
    }

    /**
     * A platform admin approves a pending domain: it goes to the Keycloak organization and opens self-registration.
     * Approving a domain the tenant already holds changes nothing (a retried approval).
     */
    Tenant approveDomain(String alias, String domain, String platformAdminId) {
        Tenant tenant = get(alias);
        if (tenant.domains().contains(domain)) {
            return tenant;
        }
        if (!tenant.isPending(domain)) {
            throw new NotFoundException("Pending domain", domain);
        }
        refuseHeldElsewhere(domain, alias);
        tenant.approve(domain);
        // Keycloak refuses a domain of another organization (409): then nothing is written.
        keycloak.updateOrganization(tenant.organizationId(), tenant.name(), tenant.domains());
        Tenant saved = saveFollowedByKeycloak(tenant);
        log.info("Platform admin {} approved the email domain {} of tenant {}", platformAdminId, domain, alias);
        return saved;
    }

    /** A platform admin removes a domain of the tenant, pending (a refusal) or approved. */
    Tenant removeDomain(String alias, String domain, String platformAdminId) {
        Tenant tenant = get(alias);
        Tenant saved;
        if (tenant.isPending(domain)) {
            tenant.remove(domain);
            saved = tenants.save(tenant);
        } else if (tenant.domains().contains(domain)) {
            tenant.remove(domain);
            keycloak.updateOrganization(tenant.organizationId(), tenant.name(), tenant.domains());
            saved = saveFollowedByKeycloak(tenant);
        } else {
            throw new NotFoundException("Domain", domain);
        }
        log.info("Platform admin {} removed the email domain {} of tenant {}", platformAdminId, domain, alias);
        return saved;
    }

    /**
     * One page of pending domains, every tenant's, ordered by tenant then domain, after {@code cursor} (null for the
     * first page). A pending domain is an entry of its tenant's document, so the window is built here; its position
     * is the tenant and, as the entry's id within it, the domain.
     */
    Page<PendingEntry> pendingDomains(String cursor, int size) {
        var after = PENDING_DOMAINS.position(null, cursor);
        String afterAlias = after.isInitial() ? null : String.valueOf(after.getKeys().get("tenant"));
        String afterDomain = after.isInitial() ? null : String.valueOf(after.getKeys().get("id"));
        var criteria = Criteria.where("pendingDomains.domain").exists(true);
        if (afterAlias != null) {
            criteria = criteria.and("_id").gte(afterAlias);
        }
        // Every tenant found holds at least one pending domain past the cursor, except the cursor's own: size + 2
        // tenants are enough to fill the page and tell whether there is more.
        var found = mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(size + 2), Tenant.class);
        var entries = new ArrayList<PendingEntry>();
        for (Tenant tenant : found) {
            tenant.pendingDomains().stream()
                    .sorted(Comparator.comparing(Tenant.PendingDomain::domain))
                    .filter(claim -> afterAlias == null || !tenant.alias().equals(afterAlias)
                            || claim.domain().compareTo(afterDomain) > 0)
                    .forEach(claim -> entries.add(new PendingEntry(tenant, claim)));
        }
        boolean more = entries.size() > size;
        var page = List.copyOf(more ? entries.subList(0, size) : entries);
        return PENDING_DOMAINS.page(Window.from(page, index -> PENDING_DOMAINS.after(
                Map.of("tenant", page.get(index).tenant().alias(), "id", page.get(index).claim().domain())), more), null);
    }

    record PendingEntry(Tenant tenant, Tenant.PendingDomain claim) {
    }

    /**
     * The tenant someone whose verified email address is at {@code emailDomain} may join by themselves: it exists,
     * is open to its domains, and this is one of its approved ones. Empty otherwise, whichever condition failed.
     */
    public Optional<Tenant> joinableBy(String alias, String emailDomain) {
        return find(alias).filter(tenant -> tenant.isOpenTo(emailDomain));
    }

    public Tenant get(String alias) {
        return find(alias).orElseThrow(() -> new NotFoundException("Tenant", alias));
    }

    public Optional<Tenant> find(String alias) {
        return tenants.findById(alias);
    }

    /** 400 naming each listed domain that is public or listed twice; the shape was checked by Bean Validation. */
    private void checkDomains(List<String> domains) {
        var errors = new ArrayList<FieldError>();
        var seen = new HashSet<String>();
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            if (publicMailDomains.isPublic(domain)) {
                errors.add(new FieldError("domains[" + i + "]", "is a public mail domain: anyone can have an "
                        + "address there, so it cannot stand for an organisation"));
            } else if (!seen.add(domain)) {
                errors.add(new FieldError("domains[" + i + "]", "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.toArray(FieldError[]::new));
        }
    }

    /** 409 when another tenant holds the domain (approved); pending claims elsewhere do not count. */
    private void refuseHeldElsewhere(String domain, String alias) {
        var heldElsewhere = Query.query(Criteria.where("domains").is(domain).and("_id").ne(alias));
        if (mongo.exists(heldElsewhere, Tenant.class)) {
            throw new ConflictException("The email domain " + domain + " belongs to another tenant");
        }
    }

    /**
     * Saves a tenant whose new state Keycloak already has. If the save fails (a concurrent change, MongoDB down),
     * Keycloak is set back to what the stored tenant says — the stored one, not our old copy, which a concurrent
     * change may have outdated.
     */
    private Tenant saveFollowedByKeycloak(Tenant tenant) {
        try {
            return tenants.save(tenant);
        } catch (RuntimeException e) {
            try {
                find(tenant.alias()).ifPresent(stored ->
                        keycloak.updateOrganization(stored.organizationId(), stored.name(), stored.domains()));
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
                log.error("Tenant {} was not saved and its Keycloak organization could not be set back; "
                        + "it disagrees with the tenant until the next change", tenant.alias(), undo);
            }
            throw e;
        }
    }
}
