package io.cercle.identity.invitation;

import io.cercle.identity.tenant.Tenant;

/** What the invitation feature tells the messaging boundary (implemented in {@code messaging/}). */
public interface InvitationEvents {

    /** The invitee must be told: {@code acceptUrl} carries the token, for their mailbox only. */
    void created(Invitation invitation, Tenant.Locale locale, String acceptUrl);
}
