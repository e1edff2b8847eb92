package io.cercle.identity.member;

/**
 * Published inside identity-service, synchronously, while a member is erased and before the erasure is saved: every
 * feature that keeps personal data of the member (their avatar, say) drops it then. A listener that fails aborts the
 * erasure, which the tenant admin retries, so nothing personal survives a recorded erasure. Features react to this
 * instead of the member feature calling them: member depends on none of them.
 */
public record MemberErasing(String tenantId, String memberId) {
}
