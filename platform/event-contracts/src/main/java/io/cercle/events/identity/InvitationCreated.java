package io.cercle.events.identity;

import java.time.Instant;

/**
 * Payload of {@code identity.invitation.created}: someone was invited to the tenant and must be told. It carries
 * the link to accept, which holds the invitation's secret token: this event is for the invitee's mailbox only
 * and must never be logged or shown elsewhere.
 *
 * @param invitationId the invitation
 * @param email        whom to write to
 * @param role         {@code member} or {@code tenant_admin}
 * @param locale       the tenant's default language, {@code fr} or {@code en}
 * @param acceptUrl    where the invitee accepts (contains the token)
 * @param expiresAt    when the link stops working
 */
public record InvitationCreated(String invitationId, String email, String role, String locale, String acceptUrl,
                                Instant expiresAt) {
}
