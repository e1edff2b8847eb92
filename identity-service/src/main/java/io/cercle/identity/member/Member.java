package io.cercle.identity.member;

import io.cercle.identity.tenant.Tenant;
import io.cercle.platform.messaging.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A person in one tenant, and their profile — the "identification" the brief insists on: who they are, what they
 * know (expertise), what they want to learn (interests). Its id is {@code <tenant>:<member>}.
 */
@Document("members")
public class Member extends OutboxDocument {

    @Id
    private String id;
    private String tenantId;
    /**
     * Indexed for GET /me/tenants, the one query across tenants: by the person, whatever the tenant. Named as when it
     * was created by hand, so that existing databases keep their index.
     */
    @Indexed(name = "memberId_1")
    private String memberId;
    private String email;
    private String displayName;
    private String jobTitle = "";
    private String bio = "";
    private Tenant.Locale locale;
    private List<String> expertise = List.of();
    private List<String> interests = List.of();
    private Instant joinedAt;
    private Status status = Status.ACTIVE;
    private String suspensionReason = "";
    private boolean tenantAdmin;
    @Version
    private Long version;

    /**
     * ACTIVE members sign in; SUSPENDED ones cannot; LEFT ones left the tenant (their profile stays behind their
     * contributions); ERASED ones are an anonymised trace (GDPR).
     */
    public enum Status { ACTIVE, SUSPENDED, LEFT, ERASED }

    protected Member() {
    }

    Member(String tenantId, String memberId, String email, String displayName, Tenant.Locale locale,
           Instant joinedAt) {
        this.id = key(tenantId, memberId);
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.email = email;
        this.displayName = displayName;
        this.locale = locale;
        this.joinedAt = joinedAt;
    }

    String id() {
        return id;
    }

    static String key(String tenantId, String memberId) {
        return tenantId + ":" + memberId;
    }

    void update(ProfileUpdate update) {
        this.displayName = update.displayName().strip();
        this.jobTitle = update.jobTitle() == null ? "" : update.jobTitle().strip();
        this.bio = update.bio() == null ? "" : update.bio();
        this.locale = update.locale();
        this.expertise = Tags.normalise(update.expertise());
        this.interests = Tags.normalise(update.interests());
    }

    void suspend(String reason) {
        this.status = Status.SUSPENDED;
        this.suspensionReason = reason == null ? "" : reason.strip();
    }

    void leave() {
        this.status = Status.LEFT;
        this.tenantAdmin = false;
    }

    /** Someone who left (or was erased) joins again: active, with the profile they come back with. */
    void rejoin(String email, String displayName, Tenant.Locale locale, Instant joinedAt) {
        this.status = Status.ACTIVE;
        this.email = email;
        this.displayName = displayName;
        this.locale = locale;
        this.joinedAt = joinedAt;
        this.suspensionReason = "";
        this.tenantAdmin = false;
    }

    void reactivate() {
        this.status = Status.ACTIVE;
        this.suspensionReason = "";
    }

    void tenantAdmin(boolean tenantAdmin) {
        this.tenantAdmin = tenantAdmin;
    }

    /** Keeps the member id (so that contributions still point somewhere) and forgets who they were. */
    void erase() {
        this.status = Status.ERASED;
        this.email = "";
        this.displayName = "";
        this.jobTitle = "";
        this.bio = "";
        this.expertise = List.of();
        this.interests = List.of();
        this.suspensionReason = "";
        this.tenantAdmin = false;
    }

    public Status status() {
        return status;
    }

    public String suspensionReason() {
        return suspensionReason;
    }

    public boolean isTenantAdmin() {
        return tenantAdmin;
    }

    public String tenantId() {
        return tenantId;
    }

    public String memberId() {
        return memberId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String jobTitle() {
        return jobTitle;
    }

    public String bio() {
        return bio;
    }

    public Tenant.Locale locale() {
        return locale;
    }

    public List<String> expertise() {
        return expertise;
    }

    public List<String> interests() {
        return interests;
    }

    public Instant joinedAt() {
        return joinedAt;
    }
}
