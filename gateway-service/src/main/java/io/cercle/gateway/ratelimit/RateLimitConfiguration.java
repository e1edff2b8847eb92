package io.cercle.gateway.ratelimit;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where the buckets live: Redis when REDIS_HOST is set (every replica shares them), memory otherwise.
 * Spring Cloud Gateway's Redis auto-configuration always defines a {@link RedisRateLimiter}; it is only used,
 * and so only connects, when REDIS_HOST is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    static final String REDIS_CONFIGURED = "!'${REDIS_HOST:}'.isBlank()";

    @Bean
    @ConditionalOnExpression(REDIS_CONFIGURED)
    RateLimits redisRateLimits(RedisRateLimiter redisRateLimiter, RateLimitProperties properties) {
        return new RedisRateLimits(redisRateLimiter, properties);
    }

    @Bean
    @ConditionalOnExpression("!(" + REDIS_CONFIGURED + ")")
    RateLimits inMemoryRateLimits(RateLimitProperties properties) {
        return new InMemoryRateLimits(properties);
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimits limits, GatewayProblems problems, RateLimitProperties properties) {
        RemoteAddressResolver addresses = properties.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies())
                : new RemoteAddressResolver() { }; // its default: the connection's address
        return new RateLimitFilter(limits, problems, addresses);
    }
}
