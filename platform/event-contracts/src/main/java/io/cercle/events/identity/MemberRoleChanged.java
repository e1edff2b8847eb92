package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.role-changed}: a tenant role was granted or revoked.
 *
 * @param memberId the member
 * @param role     the role, e.g. {@code tenant-admin}
 * @param granted  true when granted, false when revoked
 */
public record MemberRoleChanged(String memberId, String role, boolean granted) {
}
