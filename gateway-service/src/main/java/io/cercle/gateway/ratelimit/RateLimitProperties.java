package io.cercle.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Token buckets per tenant, per member and, for requests without a token, per client address:
 * {@code burst-capacity} requests at once, refilled by {@code replenish-rate} requests every {@code replenish-period}.
 *
 * @param trustedProxies how many proxies in front of the gateway append to X-Forwarded-For (an ingress controller:
 *                       1); 0 takes the connection's address. More than there really are would let a caller choose
 *                       the address it is counted under.
 */
@ConfigurationProperties("cercle.gateway.rate-limit")
record RateLimitProperties(Limit tenant, Limit member, Limit anonymous, int trustedProxies) {

    RateLimitProperties {
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("trusted-proxies must be 0 or more");
        }
    }

    record Limit(int burstCapacity, int replenishRate, Duration replenishPeriod) {

        Limit {
            if (burstCapacity < 1 || replenishRate < 1) {
                throw new IllegalArgumentException("burst-capacity and replenish-rate must be at least 1");
            }
            // Whole seconds: the Redis script counts time in seconds.
            if (replenishPeriod == null || replenishPeriod.toMillis() < 1000 || replenishPeriod.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("replenish-period must be a whole number of seconds, e.g. 1s or 60s");
            }
        }

        /** The wait until one more request is allowed once the bucket is empty: what Retry-After says. */
        Duration timeForOneRequest() {
            return replenishPeriod.dividedBy(replenishRate);
        }
    }

    Limit of(LimitKind kind) {
        return switch (kind) {
            case TENANT -> tenant;
            case MEMBER -> member;
            case ADDRESS -> anonymous;
        };
    }
}
