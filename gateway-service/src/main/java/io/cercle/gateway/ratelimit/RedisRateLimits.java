package io.cercle.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Buckets shared by every replica, in Redis, through Spring Cloud Gateway's {@link RedisRateLimiter} (one atomic
 * Lua script per check). Its rate is in tokens per second; a limit such as "1 request per 60 s" is expressed by
 * making each request cost 60 tokens and refilling 1 token per second, with a capacity of burst × 60 tokens.
 * When Redis is unreachable the limiter lets requests through (it fails open): rate limiting protects the
 * services, and refusing all traffic because Redis is down would be worse than no limit for a while.
 */
final class RedisRateLimits implements RateLimits {

    private final RedisRateLimiter limiter;
    private final RateLimitProperties properties;

    RedisRateLimits(RedisRateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
        for (LimitKind kind : LimitKind.values()) {
            var limit = properties.of(kind);
            int costPerRequest = Math.toIntExact(limit.replenishPeriod().toSeconds());
            // The limiter keeps one configuration per "route id"; the limit kinds are ours.
            limiter.getConfig().put(configId(kind), new RedisRateLimiter.Config()
                    .setReplenishRate(limit.replenishRate())
                    .setRequestedTokens(costPerRequest)
                    .setBurstCapacity((long) limit.burstCapacity() * costPerRequest));
        }
    }

    @Override
    public Mono<Decision> tryConsume(LimitKind kind, String id) {
        // The limiter's Redis keys are request_rate_limiter.{<config id>.<id>}.tokens and .timestamp.
        return limiter.isAllowed(configId(kind), id).map(response ->
                new Decision(kind, response.isAllowed(), properties.of(kind).timeForOneRequest()));
    }

    private static String configId(LimitKind kind) {
        return "rate-limit-" + kind.label();
    }
}
