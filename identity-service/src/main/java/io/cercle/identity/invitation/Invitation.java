package io.cercle.identity.invitation;

import io.cercle.platform.messaging.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An invitation of one email address to one tenant, usable once, by the owner of that address, before it expires
 * or is revoked. Public for the messaging boundary, which records InvitationCreated on it.
 */
@Document("invitations")
// Led by the tenant: "a pending invitation of this address?" on every invitation, and the admins' newest-first list.
@CompoundIndex(name = "tenant_email_status", def = "{'tenantId': 1, 'email': 1, 'status': 1}")
@CompoundIndex(name = "tenant_status_newest_first", def = "{'tenantId': 1, 'status': 1, 'createdAt': -1, '_id': 1}")
public class Invitation extends OutboxDocument {

    public enum Status { PENDING, ACCEPTED, REVOKED }

    public enum Role { member, tenant_admin }

    @Id
    String id;
    String tenantId;
    String email;
    Role role;
    Status status;
    String invitedBy;
    Instant createdAt;
    Instant expiresAt;
    String acceptedBy;
    Instant acceptedAt;
    String revokedBy;
    Instant revokedAt;

    Invitation() {
    }

    Invitation(String id, String tenantId, String email, Role role, String invitedBy, Instant createdAt,
               Instant expiresAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.email = email;
        this.role = role;
        this.status = Status.PENDING;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public String invitedBy() {
        return invitedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
