/**
 * Keycloak's Admin API as identity-service uses it: organizations for tenants, users, realm roles; and each
 * tenant's fair share of it ({@link io.cercle.identity.keycloak.CallsKeycloak}).
 */
package io.cercle.identity.keycloak;
