package io.cercle.identity.tenant;

import io.cercle.platform.messaging.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
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
    private List<String> domains = List.of();
    private JoinPolicy joinPolicy = JoinPolicy.INVITATION_ONLY;
    private String createdBy;
    private Instant createdAt;
    @Version
    private Long version;

    /** The languages Cercle speaks. */
    public enum Locale { fr, en }

    /** Who may join: only people invited, or also anyone whose verified email is in one of the domains. */
    public enum JoinPolicy { INVITATION_ONLY, OPEN_TO_DOMAINS }

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

    void update(TenantSettings settings) {
        this.name = settings.name().strip();
        this.defaultLocale = settings.defaultLocale();
        this.domains = List.copyOf(settings.domains());
        this.joinPolicy = settings.joinPolicy();
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

    public List<String> domains() {
        return domains;
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
