/**
 * Tenants: one organisation's space, created by a platform admin, each one a Keycloak organization. Its email
 * domains open it to self-registration once a platform admin has approved them; public mail domains never can be
 * (see {@link io.cercle.identity.tenant.TenantService} for the rules and why).
 */
package io.cercle.identity.tenant;
