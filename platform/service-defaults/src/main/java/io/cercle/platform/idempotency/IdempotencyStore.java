package io.cercle.platform.idempotency;

import io.cercle.platform.idempotency.IdempotencyRecord.State;
import io.cercle.platform.idempotency.IdempotencyRecord.StoredResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Claims, completes and releases idempotency keys with single-document writes only: a unique index decides which
 * request runs (no transactions, which the embedded MongoDB server lacks; docs/architecture.md), and every later change is
 * conditional on the attempt that holds the key.
 */
class IdempotencyStore {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration inProgressTimeout;

    IdempotencyStore(MongoTemplate mongo, Clock clock, Duration inProgressTimeout) {
        this.mongo = mongo;
        this.clock = clock;
        this.inProgressTimeout = inProgressTimeout;
    }

    /** Who sends a key where: keys of different scopes never meet. */
    record Scope(String tenantId, String memberId, String method, String path, String key) {
    }

    /** What became of an attempt to claim a key. */
    sealed interface Claim {
    }

    /** This request holds the key and runs. */
    record Started(String id, String attempt) implements Claim {
    }

    /** An earlier request with this key succeeded: answer what it answered. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** An earlier request with this key is still running. */
    record InProgress() implements Claim {
    }

    /** The key was used with another request body. */
    record Mismatch() implements Claim {
    }

    Claim claim(Scope scope, String fingerprint) {
        // Three rounds cover a key released or taken over between our insert and our read.
        for (int round = 0; round < 3; round++) {
            String attempt = UUID.randomUUID().toString();
            var now = clock.instant();
            try {
                var inserted = mongo.insert(new IdempotencyRecord(UUID.randomUUID().toString(), scope.tenantId(),
                        scope.memberId(), scope.method(), scope.path(), scope.key(), fingerprint, State.IN_PROGRESS,
                        attempt, now, null, null));
                return new Started(inserted.id(), attempt);
            } catch (DuplicateKeyException taken) {
                IdempotencyRecord existing = mongo.findOne(byScope(scope), IdempotencyRecord.class);
                if (existing == null) {
                    continue;
                }
                if (!existing.fingerprint().equals(fingerprint)) {
                    return new Mismatch();
                }
                if (existing.state() == State.COMPLETED) {
                    return new Replay(existing.response());
                }
                if (existing.startedAt().isAfter(now.minus(inProgressTimeout))) {
                    return new InProgress();
                }
                // Held far longer than any request takes: its replica died mid-request. Take it over, once.
                boolean takenOver = mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(existing.id()).and("attempt").is(existing.attempt())
                                .and("state").is(State.IN_PROGRESS)),
                        new Update().set("attempt", attempt).set("startedAt", now),
                        IdempotencyRecord.class).getModifiedCount() == 1;
                if (takenOver) {
                    return new Started(existing.id(), attempt);
                }
            }
        }
        return new InProgress();
    }

    /** Stores the answer of the request that holds the key; repeats get it from now on. */
    void complete(Started started, StoredResponse response) {
        mongo.updateFirst(held(started), new Update().set("state", State.COMPLETED).set("response", response)
                .set("completedAt", clock.instant()), IdempotencyRecord.class);
    }

    /** Gives the key back: the request failed and wrote nothing, so a retry with this key runs again. */
    void release(Started started) {
        mongo.remove(held(started), IdempotencyRecord.class);
    }

    private static Query held(Started started) {
        return Query.query(Criteria.where("_id").is(started.id()).and("attempt").is(started.attempt())
                .and("state").is(State.IN_PROGRESS));
    }

    private static Query byScope(Scope scope) {
        return Query.query(Criteria.where("tenantId").is(scope.tenantId()).and("memberId").is(scope.memberId())
                .and("method").is(scope.method()).and("path").is(scope.path()).and("key").is(scope.key()));
    }
}
