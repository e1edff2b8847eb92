package io.cercle.testsupport;

import java.util.List;
import java.util.Map;

/**
 * Reading the claims of a real Keycloak token in assertions (docs/adr/0009-roles-scoped-to-one-tenant.md): the
 * organizations it names, the tenant roles inside one organization's entry, its realm roles.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The {@code organization} claim keyed by alias; empty when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> organizations(Map<String, Object> claims) {
        return claims.get("organization") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** {@code organization.<tenant>.resource_access.cercle-api.roles}; empty when absent. */
    @SuppressWarnings("unchecked")
    public static List<String> tenantRoles(Map<String, Object> claims, String tenant) {
        if (organizations(claims).get(tenant) instanceof Map<?, ?> entry
                && entry.get("resource_access") instanceof Map<?, ?> resourceAccess
                && resourceAccess.get("cercle-api") instanceof Map<?, ?> api
                && api.get("roles") instanceof List<?> roles) {
            return (List<String>) roles;
        }
        return List.of();
    }

    /** {@code realm_access.roles}; empty when absent. */
    @SuppressWarnings("unchecked")
    public static List<String> realmRoles(Map<String, Object> claims) {
        return claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof List<?> roles ? (List<String>) roles : List.of();
    }
}
