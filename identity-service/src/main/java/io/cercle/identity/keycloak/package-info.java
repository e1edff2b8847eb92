/**
 * Keycloak's Admin API as identity-service uses it: organizations for tenants and their members, users, the
 * tenant-admin role held through an organization's admins group (docs/adr/0009), the platform-admin realm role; and
 * each tenant's fair share of it ({@link io.cercle.identity.keycloak.CallsKeycloak}).
 */
package io.cercle.identity.keycloak;
