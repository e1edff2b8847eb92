/**
 * Invitations: a tenant admin invites by email (one, or many from CSV as a background job), lists the pending ones
 * and revokes them, within a daily limit per tenant. The signed, expiring token goes to the invitee's mailbox only;
 * the owner of the invited address accepts it signed in, and their own account joins the tenant.
 */
package io.cercle.identity.invitation;
