package io.cercle.platform.idempotency;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One idempotency key of one caller on one endpoint. A unique index on (tenantId, memberId, method, path, key)
 * makes the first insert the only one that runs the request; {@code attempt} names the request holding the key,
 * so that only it completes or releases it. Removed after the retention period by {@link IdempotencyRetention}.
 *
 * @param tenantId    the caller's tenant, null for a caller without one (a platform admin)
 * @param fingerprint SHA-256 of the request body: the same key with another body is refused
 * @param response    the stored answer, once {@code state} is COMPLETED
 */
@Document(IdempotencyRecord.COLLECTION)
record IdempotencyRecord(@Id String id, String tenantId, String memberId, String method, String path, String key,
                         String fingerprint, State state, String attempt, Instant startedAt, Instant completedAt,
                         StoredResponse response) {

    static final String COLLECTION = "idempotency_keys";

    enum State { IN_PROGRESS, COMPLETED }

    /** What the first request answered: replayed byte for byte (the body is JSON, kept as text). */
    record StoredResponse(int status, String location, String contentType, String body) {
    }
}
