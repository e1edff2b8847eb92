package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.reactivated}: a suspended member may sign in again.
 *
 * @param memberId the member
 */
public record MemberReactivated(String memberId) {
}
