package io.cercle.gateway.fallback;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * What keeps one tenant from taking a service away from the others: a cap on its calls in progress per route, and
 * a circuit breaker per (route, tenant).
 *
 * @param maxConcurrentCallsPerTenant calls one tenant may have in progress on one route at once
 * @param circuitBreaker              settings of every (route, tenant) circuit breaker
 */
@ConfigurationProperties("cercle.gateway.resilience")
record ResilienceProperties(int maxConcurrentCallsPerTenant, CircuitBreaker circuitBreaker) {

    ResilienceProperties {
        if (maxConcurrentCallsPerTenant < 1) {
            throw new IllegalArgumentException("max-concurrent-calls-per-tenant must be at least 1");
        }
        if (circuitBreaker == null) {
            throw new IllegalArgumentException("circuit-breaker settings are missing");
        }
    }

    /**
     * @param failureRateThreshold          percent of failed calls in the window that opens the circuit
     * @param slidingWindowSize             how many of the last calls the rate is computed over
     * @param minimumNumberOfCalls          calls needed before the rate counts (a tenant's first failure alone
     *                                      never opens its circuit)
     * @param waitInOpenState               how long an open circuit refuses at once before trial calls
     * @param permittedCallsInHalfOpenState trial calls that decide whether the circuit closes again
     */
    record CircuitBreaker(int failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                          Duration waitInOpenState, int permittedCallsInHalfOpenState) {

        CircuitBreaker {
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                throw new IllegalArgumentException("circuit-breaker.failure-rate-threshold must be 1–100 (percent)");
            }
            if (slidingWindowSize < 1 || minimumNumberOfCalls < 1 || permittedCallsInHalfOpenState < 1) {
                throw new IllegalArgumentException("circuit-breaker call counts must be at least 1");
            }
            if (waitInOpenState == null || waitInOpenState.isNegative() || waitInOpenState.isZero()) {
                throw new IllegalArgumentException("circuit-breaker.wait-in-open-state must be positive");
            }
        }

        /** Counts as a failure whatever {@code failure} accepts: the service's faults, not the caller's. */
        CircuitBreakerConfig config(Predicate<Throwable> failure) {
            return CircuitBreakerConfig.custom()
                    .failureRateThreshold(failureRateThreshold)
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(slidingWindowSize)
                    .minimumNumberOfCalls(minimumNumberOfCalls)
                    .waitDurationInOpenState(waitInOpenState)
                    .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                    .recordException(failure)
                    .build();
        }
    }
}
