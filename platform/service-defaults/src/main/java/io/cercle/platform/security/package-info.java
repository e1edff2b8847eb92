/**
 * Resource-server security shared by every service: Keycloak tokens, realm roles as authorities, and the tenant
 * taken from the token's {@code organization} claim only ({@link io.cercle.platform.security.CurrentMember}).
 */
package io.cercle.platform.security;
