package io.cercle.events.identity;

/**
 * Payload of {@code identity.tenant.updated}: the tenant's settings after the change.
 *
 * @param alias         the tenant id
 * @param name          display name
 * @param defaultLocale {@code fr} or {@code en}
 */
public record TenantUpdated(String alias, String name, String defaultLocale) {
}
