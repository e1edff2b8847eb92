/** Tenants: one organisation's space, created by a platform admin (issue 3 adds Keycloak organizations). */
package io.cercle.identity.tenant;
