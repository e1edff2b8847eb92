package io.cercle.identity.tenant;

import io.cercle.platform.messaging.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation's space on the platform. Its id is its alias, the value of the access token's
 * {@code organization} claim, hence the tenant id of every document in every service.
 */
@Document("tenants")
public class Tenant extends OutboxDocument {

    @Id
    private String alias;
    private String name;
    private Locale defaultLocale;
    private String organizationId;
    /**
     * Approved email domains: in the Keycloak organization, and open to self-registration with OPEN_TO_DOMAINS.
     * Indexed: "who holds this domain" is asked on every domain change.
     */
    @Indexed(name = "domains")
    private List<String> domains = List.of();
    /** Domains a tenant admin asked for, awaiting a platform admin's approval: no effect until then. */
    private List<PendingDomain> pendingDomains = List.of();
    private JoinPolicy joinPolicy = JoinPolicy.INVITATION_ONLY;
    private String createdBy;
    private Instant createdAt;
    @Version
    private Long version;

    /** The languages Cercle speaks. */
    public enum Locale { fr, en }

    /** Who may join: only people invited, or also anyone whose verified email is in one of the domains. */
    public enum JoinPolicy { INVITATION_ONLY, OPEN_TO_DOMAINS }

    /** An email domain a tenant admin asked for, until a platform admin approves it (see {@link TenantService}). */
    public record PendingDomain(String domain, String requestedBy, Instant requestedAt) {
    }

    protected Tenant() {
    }

    Tenant(String alias, String name, Locale defaultLocale, String organizationId, List<String> domains,
           JoinPolicy joinPolicy, String createdBy, Instant createdAt) {
        this.alias = alias;
        this.name = name;
        this.defaultLocale = defaultLocale;
        this.organizationId = organizationId;
        this.domains = List.copyOf(domains);
        this.joinPolicy = joinPolicy;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /**
     * New settings. {@code settings.domains()} is every domain the tenant wants: approved ones it names stay approved,
     * pending ones stay pending, new ones become pending (requested by {@code actorId}), and those it leaves out are
     * dropped, approved or not.
     */
    void update(TenantSettings settings, String actorId, Instant now) {
        List<String> added = newlyRequested(settings.domains());
        this.name = settings.name().strip();
        this.defaultLocale = settings.defaultLocale();
        this.joinPolicy = settings.joinPolicy();
        this.domains = domains.stream().filter(settings.domains()::contains).toList();
        var pending = new ArrayList<>(pendingDomains.stream()
                .filter(claim -> settings.domains().contains(claim.domain())).toList());
        added.forEach(domain -> pending.add(new PendingDomain(domain, actorId, now)));
        this.pendingDomains = List.copyOf(pending);
    }

    /** The domains of {@code wanted} the tenant neither holds nor has asked for yet. */
    List<String> newlyRequested(List<String> wanted) {
        return wanted.stream().filter(domain -> !domains.contains(domain) && !isPending(domain)).toList();
    }

    boolean isPending(String domain) {
        return pendingDomains.stream().anyMatch(claim -> claim.domain().equals(domain));
    }

    /** The pending domain becomes one of the tenant's domains. */
    void approve(String domain) {
        pendingDomains = pendingDomains.stream().filter(claim -> !claim.domain().equals(domain)).toList();
        var approved = new ArrayList<>(domains);
        approved.add(domain);
        domains = List.copyOf(approved);
    }

    /** Drops the domain, approved or pending. */
    void remove(String domain) {
        pendingDomains = pendingDomains.stream().filter(claim -> !claim.domain().equals(domain)).toList();
        domains = domains.stream().filter(held -> !held.equals(domain)).toList();
    }

    public String alias() {
        return alias;
    }

    public String name() {
        return name;
    }

    public Locale defaultLocale() {
        return defaultLocale;
    }

    /** The Keycloak organization of this tenant. */
    public String organizationId() {
        return organizationId;
    }

    /** The approved email domains: only these open self-registration and are known to Keycloak. */
    public List<String> domains() {
        return domains;
    }

    /** Whether someone whose verified email address is at {@code emailDomain} may join by themselves. */
    public boolean isOpenTo(String emailDomain) {
        return joinPolicy == JoinPolicy.OPEN_TO_DOMAINS && domains.contains(emailDomain);
    }

    /** Domains awaiting a platform admin's approval. */
    public List<PendingDomain> pendingDomains() {
        return pendingDomains;
    }

    public JoinPolicy joinPolicy() {
        return joinPolicy;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
