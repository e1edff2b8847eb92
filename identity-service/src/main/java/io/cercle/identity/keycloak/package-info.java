/** Keycloak's Admin API as identity-service uses it: organizations for tenants, users, realm roles. */
package io.cercle.identity.keycloak;
