package io.cercle.notification.invitation;

import java.time.Instant;

/**
 * An invitation to announce, as the messaging boundary hands it over.
 *
 * @param invitationId the invitation
 * @param email        whom to write to
 * @param role         {@code member} or {@code tenant_admin}
 * @param locale       the tenant's language
 * @param acceptUrl    the link to accept; it holds a secret token: never logged
 * @param expiresAt    when the link stops working
 */
public record Invitation(String invitationId, String email, String role, String locale, String acceptUrl,
                         Instant expiresAt) {
}
