package io.cercle.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/** A verified Keycloak token together with the member it describes. */
public class MemberAuthentication extends JwtAuthenticationToken {

    private final CurrentMember member;

    public MemberAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, CurrentMember member) {
        super(jwt, authorities, member.memberId());
        this.member = member;
    }

    public CurrentMember member() {
        return member;
    }
}
