/**
 * Resource-server security shared by every service: Keycloak access tokens (type, audience and client
 * checked), the tenant and its roles taken from the token's {@code organization} claim only — a tenant role counts in
 * its own tenant and nowhere else, platform-admin is the one realm role (docs/adr/0009) ({@link io.cercle.platform.security.CurrentMember}).
 */
package io.cercle.platform.security;
