package io.cercle.events.identity;

/**
 * Payload of {@code identity.member.erased}: GDPR erasure. Every service forgets the member's personal data
 * (addresses, names, profile) and keeps only what it must, anonymised.
 *
 * @param memberId the member
 */
public record MemberErased(String memberId) {
}
