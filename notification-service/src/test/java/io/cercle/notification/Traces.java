package io.cercle.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What the service leaves behind for tests to wait on: counters and its consumers' inbox records. */
public final class Traces {

    private Traces() {
    }

    /** A counter's value for the given tag pairs (name, value, name, value…), 0 before it exists. */
    public static double counter(MeterRegistry meters, String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many events about {@code subject} the consumer has applied (its inbox records). */
    public static long applied(MongoTemplate mongo, String consumer, String subject) {
        return mongo.count(Query.query(Criteria.where("consumer").is(consumer).and("subject").is(subject)),
                "processed_events");
    }
}
