package io.cercle.identity.invitation;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Locale;

/**
 * Who is accepting, as their verified access token says: the account that joins is this one, and only if
 * Keycloak vouches that it owns the invited address.
 *
 * @param userId        the token's subject (the Keycloak user id)
 * @param email         the account's email address
 * @param emailVerified whether Keycloak has checked that the account owns that address
 * @param name          the account's full name, if any
 */
record Invitee(String userId, String email, boolean emailVerified, String name) {

    static Invitee of(Jwt token) {
        return new Invitee(token.getSubject(), token.getClaimAsString("email"),
                Boolean.TRUE.equals(token.getClaimAsBoolean("email_verified")), token.getClaimAsString("name"));
    }

    /** Whether this account proved it owns {@code address}. */
    boolean owns(String address) {
        return emailVerified && email != null && email.strip().toLowerCase(Locale.ROOT).equals(address);
    }
}
