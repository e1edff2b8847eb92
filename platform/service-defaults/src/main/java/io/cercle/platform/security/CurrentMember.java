package io.cercle.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the verified access token says: the only source of the tenant (docs/architecture.md, tenancy).
 * Controllers take it as a method parameter.
 *
 * @param memberId the token subject (Keycloak user id)
 * @param username the preferred username
 * @param tenantId the tenant (organization alias), empty for a platform admin outside any tenant
 * @param roles    realm roles, e.g. {@code member}, {@code tenant-admin}, {@code platform-admin}
 */
public record CurrentMember(String memberId, String username, Optional<String> tenantId, Set<String> roles) {

    public static final String MEMBER = "member";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String PLATFORM_ADMIN = "platform-admin";

    public CurrentMember {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The caller's tenant; a request without one cannot touch tenant data. */
    public String requireTenant() {
        return tenantId.orElseThrow(NoTenantException::new);
    }
}
