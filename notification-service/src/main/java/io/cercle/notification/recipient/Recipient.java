package io.cercle.notification.recipient;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A member as notification-service needs them: where to write and how to address them.
 *
 * @param id          {@code tenantId:memberId}, so one recipient per member of a tenant
 * @param locale      {@code fr} or {@code en}, as identity says
 */
@Document("recipients")
public record Recipient(@Id String id, String tenantId, String memberId, String email, String displayName,
                        String locale, Instant updatedAt) {

    public static Recipient of(String tenantId, String memberId, String email, String displayName, String locale,
                               Instant updatedAt) {
        return new Recipient(idOf(tenantId, memberId), tenantId, memberId, email, displayName, locale, updatedAt);
    }

    static String idOf(String tenantId, String memberId) {
        return tenantId + ":" + memberId;
    }
}
