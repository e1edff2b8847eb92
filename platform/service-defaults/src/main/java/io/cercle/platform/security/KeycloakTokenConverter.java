package io.cercle.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Keycloak access token into the {@link CurrentMember} it describes. Roles are scoped to one tenant
 * (docs/adr/0009-roles-scoped-to-one-tenant.md):
 * <ul>
 *   <li>the tenant is the one organization the {@code organization} claim names (a map keyed by alias, or a list
 *       of aliases); a token naming several, or none, names no tenant — Cercle never guesses which one was meant;</li>
 *   <li>naming the tenant makes the caller its {@code member};</li>
 *   <li>tenant roles ({@code tenant-admin}) come only from that organization's entry,
 *       {@code organization.<alias>.resource_access.cercle-api.roles}, which Keycloak fills from the organization's
 *       groups. Top-level {@code resource_access} and other organizations' entries are never read, so a role held
 *       in tenant A can never act in tenant B;</li>
 *   <li>{@code platform-admin} is the one realm role read ({@code realm_access.roles}): it is platform-wide by
 *       nature. Every other realm role is ignored.</li>
 * </ul>
 */
public class KeycloakTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ORGANIZATION_CLAIM = "organization";
    /** The Keycloak client whose roles are Cercle's tenant roles (and the audience of Cercle's access tokens). */
    public static final String API_CLIENT = "cercle-api";

    @Override
    public MemberAuthentication convert(Jwt jwt) {
        Set<String> roles = new HashSet<>();
        if (realmRoles(jwt).contains(CurrentMember.PLATFORM_ADMIN)) {
            roles.add(CurrentMember.PLATFORM_ADMIN);
        }
        Optional<String> tenant = tenantOf(jwt);
        tenant.ifPresent(alias -> {
            roles.add(CurrentMember.MEMBER);
            roles.addAll(tenantRoles(jwt, alias));
        });
        var member = new CurrentMember(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), tenant, roles);
        var authorities = roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new MemberAuthentication(jwt, authorities, member);
    }

    private static Set<String> realmRoles(Jwt jwt) {
        return strings(jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess
                ? realmAccess.get("roles") : null);
    }

    static Optional<String> tenantOf(Jwt jwt) {
        Object claim = jwt.getClaims().get(ORGANIZATION_CLAIM);
        Collection<?> organizations = switch (claim) {
            case Collection<?> aliases -> aliases;
            case Map<?, ?> byAlias -> byAlias.keySet();
            case String alias -> List.of(alias);
            case null, default -> List.of();
        };
        return organizations.size() == 1 && organizations.iterator().next() instanceof String alias
                && !alias.isBlank() ? Optional.of(alias) : Optional.empty();
    }

    /** {@code organization.<alias>.resource_access.cercle-api.roles}, each level type-checked. */
    private static Set<String> tenantRoles(Jwt jwt, String alias) {
        if (jwt.getClaims().get(ORGANIZATION_CLAIM) instanceof Map<?, ?> byAlias
                && byAlias.get(alias) instanceof Map<?, ?> organization
                && organization.get("resource_access") instanceof Map<?, ?> resourceAccess
                && resourceAccess.get(API_CLIENT) instanceof Map<?, ?> api) {
            Set<String> roles = strings(api.get("roles"));
            // Only tenant roles live here; a platform role mapped to an organization group must not leak in.
            return roles.contains(CurrentMember.TENANT_ADMIN) ? Set.of(CurrentMember.TENANT_ADMIN) : Set.of();
        }
        return Set.of();
    }

    private static Set<String> strings(Object value) {
        if (!(value instanceof Collection<?> values)) {
            return Set.of();
        }
        Set<String> strings = new HashSet<>();
        for (Object item : values) {
            if (item instanceof String string) {
                strings.add(string);
            }
        }
        return strings;
    }
}
