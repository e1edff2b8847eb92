package io.cercle.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Buckets in this replica's memory (Bucket4j). With N replicas a caller gets up to N times the limit, which is
 * why a cluster sets REDIS_HOST. Idle buckets are dropped after an hour: by then they are full again anyway.
 */
final class InMemoryRateLimits implements RateLimits {

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(200_000)
            .build();

    InMemoryRateLimits(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Decision> tryConsume(LimitKind kind, String id) {
        Bucket bucket = buckets.get(kind.key(id), key -> newBucket(properties.of(kind)));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return Mono.just(new Decision(kind, probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }

    private static Bucket newBucket(RateLimitProperties.Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burstCapacity())
                        .refillGreedy(limit.replenishRate(), limit.replenishPeriod()))
                .build();
    }
}
