package io.cercle.platform.idempotency;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
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
// Starts with tenantId, as every index of tenant data does (docs/architecture.md). The unique index is what decides
// which request runs (IdempotencyStore): it is created at start (auto-index creation, cercle-defaults.properties).
@CompoundIndex(name = "one_key_per_caller_and_endpoint", unique = true,
        def = "{'tenantId': 1, 'memberId': 1, 'method': 1, 'path': 1, 'key': 1}")
record IdempotencyRecord(@Id String id, String tenantId, String memberId, String method, String path, String key,
                         String fingerprint, State state, String attempt,
                         // The retention job's query; named as when it was created by hand (existing databases).
                         @Indexed(name = "startedAt_1") Instant startedAt, Instant completedAt,
                         StoredResponse response) {

    static final String COLLECTION = "idempotency_keys";

    enum State { IN_PROGRESS, COMPLETED }

    /** What the first request answered: replayed byte for byte (the body is JSON, kept as text). */
    record StoredResponse(int status, String location, String contentType, String body) {
    }
}
