package io.cercle.events.identity;

/**
 * Payload of {@code identity.tenant.created}: a tenant exists and members may join it.
 *
 * @param alias         the tenant id used everywhere (the Keycloak organization alias)
 * @param name          display name, used to sign emails and pages
 * @param defaultLocale {@code fr} or {@code en}
 */
public record TenantCreated(String alias, String name, String defaultLocale) {
}
