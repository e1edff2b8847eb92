package io.cercle.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a Keycloak access token: realm roles ({@code realm_access.roles}) become {@code ROLE_*} authorities,
 * and the {@code organization} claim names the tenant. Keycloak writes that claim either as a list of
 * organization aliases or, with the mapper's JSON option, as an object keyed by alias; both are read. A token
 * that names several organizations names no tenant: Cercle never guesses which one the caller meant.
 */
public class KeycloakTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ORGANIZATION_CLAIM = "organization";

    @Override
    public MemberAuthentication convert(Jwt jwt) {
        Set<String> roles = realmRoles(jwt);
        var member = new CurrentMember(jwt.getSubject(), jwt.getClaimAsString("preferred_username"),
                tenantOf(jwt), roles);
        var authorities = roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new MemberAuthentication(jwt, authorities, member);
    }

    private static Set<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return Set.of();
        }
        return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    static Optional<String> tenantOf(Jwt jwt) {
        Object claim = jwt.getClaims().get(ORGANIZATION_CLAIM);
        Collection<?> organizations = switch (claim) {
            case Collection<?> aliases -> aliases;
            case Map<?, ?> byAlias -> byAlias.keySet();
            case String alias -> List.of(alias);
            case null, default -> List.of();
        };
        return organizations.size() == 1
                ? Optional.of(String.valueOf(organizations.iterator().next())).filter(alias -> !alias.isBlank())
                : Optional.empty();
    }
}
