package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.joined}: someone became a member of the tenant. It carries what other services
 * need to reach and greet the member without asking identity-service.
 *
 * @param memberId    the Keycloak user id (token subject)
 * @param email       where to write to the member
 * @param displayName how to address the member
 * @param locale      {@code fr} or {@code en}
 * @param joinedVia   {@code invitation}, {@code self-registration}, or {@code directory} (provisioned in Keycloak,
 *                    first seen by Cercle)
 */
public record MemberJoined(String memberId, String email, String displayName, String locale, String joinedVia) {
}
