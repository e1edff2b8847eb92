package io.cercle.gateway.ratelimit;

import reactor.core.publisher.Mono;

import java.time.Duration;

/** Where the buckets live: Redis when the gateway runs several replicas (REDIS_HOST set), else in memory. */
interface RateLimits {

    /** Takes one request from the bucket of {@code kind} and {@code id}. */
    Mono<Decision> tryConsume(LimitKind kind, String id);

    /** @param retryAfter how long to wait before the next request may pass, when refused */
    record Decision(LimitKind kind, boolean allowed, Duration retryAfter) {
    }
}
