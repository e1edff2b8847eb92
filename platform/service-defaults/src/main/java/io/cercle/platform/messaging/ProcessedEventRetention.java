package io.cercle.platform.messaging;

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
 * Forgets processed-event records older than the retention period. TTL indexes do not expire on the embedded
 * MongoDB server, so expiry is this job (docs/architecture.md); ShedLock runs it on one replica at a time. Redeliveries
 * come within minutes, so two weeks of memory is ample.
 */
public class ProcessedEventRetention {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;

    public ProcessedEventRetention(MongoTemplate mongo, Clock clock, Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${cercle.inbox.cleanup-interval:PT1H}",
            fixedDelayString = "${cercle.inbox.cleanup-interval:PT1H}")
    @SchedulerLock(name = "processed-events-retention", lockAtMostFor = "PT10M")
    public void scheduledCleanUp() {
        cleanUp();
    }

    /** Removes the expired records; returns how many. */
    public long cleanUp() {
        var cutoff = clock.instant().minus(retention);
        long removed = mongo.remove(Query.query(Criteria.where("processedAt").lt(cutoff)), ProcessedEvent.class)
                .getDeletedCount();
        log.info("Removed {} processed-event records older than {}", removed, cutoff);
        return removed;
    }
}
