package io.cercle.platform.idempotency;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets idempotency keys older than the retention period. TTL indexes do not expire on the embedded MongoDB
 * server, so expiry is this job (docs/architecture.md, as {@code ProcessedEventRetention}); ShedLock runs it on one replica at
 * a time.
 */
public class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;

    IdempotencyRetention(MongoTemplate mongo, Clock clock, Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${cercle.idempotency.cleanup-interval:PT1H}",
            fixedDelayString = "${cercle.idempotency.cleanup-interval:PT1H}")
    @SchedulerLock(name = "idempotency-keys-retention", lockAtMostFor = "PT10M")
    public void scheduledCleanUp() {
        cleanUp();
    }

    /** Removes the expired keys; returns how many. */
    public long cleanUp() {
        var cutoff = clock.instant().minus(retention);
        long removed = mongo.remove(Query.query(Criteria.where("startedAt").lt(cutoff)), IdempotencyRecord.class)
                .getDeletedCount();
        log.info("Removed {} idempotency keys older than {}", removed, cutoff);
        return removed;
    }
}
