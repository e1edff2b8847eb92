package io.cercle.platform.messaging;

import io.cercle.platform.TestService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestService.class)
class ProcessedEventRetentionTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;

    @Test
    void recordsOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
        var now = clock.instant();
        mongo.insert(new ProcessedEvent("retention:old", "retention", "old", "t", "acme", "s", now.minus(Duration.ofDays(15))));
        mongo.insert(new ProcessedEvent("retention:new", "retention", "new", "t", "acme", "s", now.minus(Duration.ofDays(1))));

        long removed = new ProcessedEventRetention(mongo, clock, Duration.ofDays(14)).cleanUp();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(mongo.findById("retention:old", ProcessedEvent.class)).isNull();
        assertThat(mongo.findById("retention:new", ProcessedEvent.class)).isNotNull();
    }
}
