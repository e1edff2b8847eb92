package io.cercle.gateway.fallback;

import io.cercle.gateway.problem.GatewayProblems;
import io.cercle.platform.security.MemberAuthentication;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every routed call goes through the circuit breaker and the in-progress allowance of its (route, tenant), and is
 * limited to its route's timeout. The tenant comes from the verified token only; calls without one (no token,
 * platform admins) share one breaker and one allowance per route.
 *
 * <p>Why per tenant: with one breaker per route, one tenant's failing or slow calls (a large import, a tenant whose
 * data makes a service fail) opened the circuit for every tenant, and its slow calls could hold all of a service's
 * threads. Now they open that tenant's circuit and fill that tenant's allowance; others go through. A service that
 * is down for everyone still trips each active tenant's breaker after a few calls, so callers still get a fast 503.
 *
 * <p>The time limit runs until the service starts answering (as Netty's response timeout does), not until the body
 * has been streamed to the caller: a large download to a slow client is not the service's failure.
 */
final class TenantIsolationFilter implements GlobalFilter, Ordered {

    private static final String NO_TENANT = "";

    private final CircuitBreakerRegistry breakers;
    private final RouteTimeouts timeouts;
    private final GatewayFallbacks fallbacks;
    private final GatewayProblems problems;
    private final int maxConcurrentCalls;
    private final ConcurrentMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    TenantIsolationFilter(CircuitBreakerRegistry breakers, RouteTimeouts timeouts, GatewayFallbacks fallbacks,
                          GatewayProblems problems, int maxConcurrentCalls) {
        this.breakers = breakers;
        this.timeouts = timeouts;
        this.fallbacks = fallbacks;
        this.problems = problems;
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        return tenantOf(exchange).flatMap(tenant -> call(exchange, chain, route, tenant));
    }

    private Mono<Void> call(ServerWebExchange exchange, GatewayFilterChain chain, Route route, String tenant) {
        String key = tenant.isEmpty() ? route.getId() : route.getId() + "/" + tenant;
        AtomicInteger calls = inProgress.computeIfAbsent(key, k -> new AtomicInteger());
        if (calls.incrementAndGet() > maxConcurrentCalls) {
            calls.decrementAndGet();
            return tooManyInProgress(exchange, route, tenant);
        }
        CircuitBreaker breaker = breakers.circuitBreaker(key);
        Duration limit = timeouts.of(route);
        return chain.filter(exchange)
                .timeout(untilAnswering(exchange, limit))
                .onErrorMap(TimeoutException.class, e -> new TimeoutException(
                        "The " + route.getId() + " service did not start answering within " + limit))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(failure -> fallback(exchange, route, failure))
                .doFinally(signal -> calls.decrementAndGet());
    }

    private Mono<Void> fallback(ServerWebExchange exchange, Route route, Throwable failure) {
        // A request the gateway refused itself while streaming it (a chunked body over the limit) is the caller's
        // error, not the service's: the problem handler answers it with its own status.
        if (isCallersError(failure) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return fallbacks.unavailable(exchange, route, failure);
    }

    static boolean isCallersError(Throwable failure) {
        return failure instanceof ErrorResponse error && error.getStatusCode().is4xxClientError();
    }

    /** Fires once {@code limit} has passed, unless the service's answer has started reaching the caller by then. */
    private static Mono<Long> untilAnswering(ServerWebExchange exchange, Duration limit) {
        return Mono.delay(limit).flatMap(tick -> exchange.getResponse().isCommitted() ? Mono.never() : Mono.just(tick));
    }

    private static Mono<String> tenantOf(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(authentication -> authentication.member().tenantId().orElse(NO_TENANT))
                .defaultIfEmpty(NO_TENANT);
    }

    private Mono<Void> tooManyInProgress(ServerWebExchange exchange, Route route, String tenant) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        String whose = tenant.isEmpty() ? "Requests without an organization" : "Your organization's requests";
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "%s already have %d calls in progress on the %s "
                .formatted(whose, maxConcurrentCalls, route.getId()) + "service; retry when one has finished");
    }

    /** After the rate limits (ratelimit/RateLimitFilter), before the call to the service. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 200;
    }
}
