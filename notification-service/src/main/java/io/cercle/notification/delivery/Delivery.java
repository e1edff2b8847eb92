package io.cercle.notification.delivery;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One notification to one member. Its id is {@code tenantId:memberId:notification}: the unique key that makes a
 * notification go out at most once per member.
 *
 * @param notification  the notification key, e.g. {@code welcome}
 * @param address       where it was sent; dropped when the member is erased
 * @param recipientName how the member was addressed; dropped when the member is erased
 * @param failure       why sending failed (the kind of failure only, never an address)
 * @param anonymisedAt  when the member's personal data was dropped, if they were erased
 */
@Document("deliveries")
// The indexes serving the log's queries, each led by the tenant: the admins' newest-first pages, and a member's
// records (erasure). Created at start (spring.data.mongodb.auto-index-creation, service-defaults).
@CompoundIndex(name = "tenant_newest_first", def = "{'tenantId': 1, 'createdAt': -1, '_id': 1}")
@CompoundIndex(name = "tenant_member", def = "{'tenantId': 1, 'memberId': 1}")
public record Delivery(@Id String id, String tenantId, String memberId, String notification, Channel channel,
                       String address, String recipientName, String locale, Status status, String failure,
                       Instant createdAt, Instant updatedAt, Instant anonymisedAt) {

    public enum Channel { EMAIL }

    /** SENDING is written before the attempt; a record left SENDING means the process died during it. */
    public enum Status { SENDING, SENT, FAILED }

    static String idOf(String tenantId, String memberId, String notification) {
        return tenantId + ":" + memberId + ":" + notification;
    }
}
