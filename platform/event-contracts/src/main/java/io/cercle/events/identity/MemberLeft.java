package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.left}: the member left the tenant (or was removed); their contributions stay.
 *
 * @param memberId the member
 */
public record MemberLeft(String memberId) {
}
