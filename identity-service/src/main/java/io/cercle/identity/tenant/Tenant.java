package io.cercle.identity.tenant;

import io.cercle.platform.messaging.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

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
    private String createdBy;
    private Instant createdAt;
    @Version
    private Long version;

    /** The languages Cercle speaks. */
    public enum Locale { fr, en }

    protected Tenant() {
    }

    Tenant(String alias, String name, Locale defaultLocale, String createdBy, Instant createdAt) {
        this.alias = alias;
        this.name = name;
        this.defaultLocale = defaultLocale;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
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

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
