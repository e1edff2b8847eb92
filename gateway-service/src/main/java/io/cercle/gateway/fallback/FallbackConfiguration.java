package io.cercle.gateway.fallback;

import io.cercle.gateway.problem.GatewayProblems;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, circuit breakers and in-progress allowances towards the services, per (route, tenant), and the 503
 * problem a caller gets when one of them trips. See {@link TenantIsolationFilter} for why per tenant.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class FallbackConfiguration {

    /** Static: it must see the gateway's routes as soon as they are bound, before any route is built from them. */
    @Bean
    static BeanPostProcessor routeTimeoutsInMilliseconds() {
        return RouteTimeouts.inMilliseconds();
    }

    @Bean
    TenantIsolationFilter tenantIsolationFilter(ResilienceProperties properties, GatewayProblems problems,
            MeterRegistry meters, HttpClientProperties httpClient) {
        // The default timeout of every route: spring.cloud.gateway.server.webflux.httpclient.response-timeout.
        Duration responseTimeout = Objects.requireNonNull(httpClient.getResponseTimeout(),
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout must be set");
        // The gateway's own registry, not a bean: Spring Cloud CircuitBreaker's auto-configured one stays unused.
        // A breaker is created for each (route, tenant) on its first call; tenants come from verified tokens only,
        // so callers cannot make the gateway create breakers without end.
        var breakers = CircuitBreakerRegistry.of(properties.circuitBreaker()
                .config(failure -> !TenantIsolationFilter.isCallersError(failure)));
        // resilience4j_circuitbreaker_state{name="<route>/<tenant>",state=…} and friends on /actuator/prometheus.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        return new TenantIsolationFilter(breakers, new RouteTimeouts(responseTimeout),
                new GatewayFallbacks(problems, meters), problems, properties.maxConcurrentCallsPerTenant());
    }
}
