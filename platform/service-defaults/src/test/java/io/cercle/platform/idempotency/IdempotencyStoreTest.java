package io.cercle.platform.idempotency;

import io.cercle.platform.TestService;
import io.cercle.platform.idempotency.IdempotencyRecord.StoredResponse;
import io.cercle.platform.idempotency.IdempotencyStore.InProgress;
import io.cercle.platform.idempotency.IdempotencyStore.Replay;
import io.cercle.platform.idempotency.IdempotencyStore.Scope;
import io.cercle.platform.idempotency.IdempotencyStore.Started;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the key store does with time: keys held by a dead replica, and keys past their retention. */
@SpringBootTest(classes = TestService.class)
class IdempotencyStoreTest {

    private static final Duration IN_PROGRESS_TIMEOUT = Duration.ofMinutes(2);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;

    @Test
    void aKeyHeldLongerThanTheInProgressTimeoutIsTakenOverOnceAndTheDeadHolderCannotStoreItsAnswer() {
        var scope = scope();
        var first = (Started) storeAt(clock).claim(scope, "fingerprint");

        Clock later = Clock.offset(clock, IN_PROGRESS_TIMEOUT.plusSeconds(1));
        var takeover = storeAt(later).claim(scope, "fingerprint");
        var third = storeAt(later).claim(scope, "fingerprint");

        assertThat(storeAt(clock.instant().plusSeconds(60)).claim(scope, "fingerprint")).isInstanceOf(InProgress.class);
        assertThat(takeover).isInstanceOf(Started.class);
        assertThat(((Started) takeover).id()).isEqualTo(first.id());
        assertThat(third).isInstanceOf(InProgress.class);
        // The first holder comes back late: neither its answer nor its release touches the key any more.
        storeAt(clock).complete(first, new StoredResponse(201, null, "application/json", "{\"from\":\"first\"}"));
        storeAt(clock).release(first);
        storeAt(later).complete((Started) takeover, new StoredResponse(201, null, "application/json", "{}"));
        assertThat(((Replay) storeAt(later).claim(scope, "fingerprint")).response().body()).isEqualTo("{}");
    }

    @Test
    void keysOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
        var old = scope();
        var recent = scope();
        storeAt(Clock.offset(clock, Duration.ofDays(-2))).claim(old, "f");
        storeAt(Clock.offset(clock, Duration.ofHours(-1))).claim(recent, "f");

        long removed = new IdempotencyRetention(mongo, clock, Duration.ofDays(1)).cleanUp();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(stored(old)).isZero();
        assertThat(stored(recent)).isOne();
    }

    private IdempotencyStore storeAt(Clock at) {
        return new IdempotencyStore(mongo, at, IN_PROGRESS_TIMEOUT);
    }

    private IdempotencyStore storeAt(java.time.Instant at) {
        return storeAt(Clock.fixed(at, ZoneOffset.UTC));
    }

    private long stored(Scope scope) {
        return mongo.count(Query.query(Criteria.where("key").is(scope.key())), IdempotencyRecord.class);
    }

    private static Scope scope() {
        return new Scope("acme", "member-1", "POST", "/orders", UUID.randomUUID().toString());
    }
}
