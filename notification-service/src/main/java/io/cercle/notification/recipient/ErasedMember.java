package io.cercle.notification.recipient;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * That a member was erased, and nothing else about them: events are consumed from several queues and may arrive
 * out of order or late, and a {@code member.joined} handled after the erasure must not bring the member's address
 * back nor send them anything.
 *
 * @param id {@code tenantId:memberId}
 */
@Document("erased_members")
record ErasedMember(@Id String id, String tenantId, String memberId, Instant erasedAt) {
}
