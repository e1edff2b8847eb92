package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.suspended}: the member can no longer sign in to the tenant.
 *
 * @param memberId the member
 * @param reason   the tenant admin's reason, possibly empty
 */
public record MemberSuspended(String memberId, String reason) {
}
