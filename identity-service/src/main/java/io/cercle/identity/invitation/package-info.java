/**
 * Invitations: a tenant admin invites by email (one, or many from CSV); the invitee accepts once with a signed,
 * expiring token, which creates or links their Keycloak account and makes them a member.
 */
package io.cercle.identity.invitation;
