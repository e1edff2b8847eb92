package io.cercle.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Without REDIS_HOST each replica keeps its buckets in memory. */
class InMemoryRateLimitTest extends RateLimitScenarios {

    @Autowired
    RateLimits limits;

    @Test
    void withoutRedisHostTheBucketsLiveInMemory() {
        assertThat(limits).isInstanceOf(InMemoryRateLimits.class);
    }
}
