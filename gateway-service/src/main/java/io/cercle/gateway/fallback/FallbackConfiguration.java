package io.cercle.gateway.fallback;

import io.cercle.gateway.problem.GatewayProblems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * What a caller gets when a service is down, slow or behind an open circuit: a 503 problem within the downstream
 * timeout, instead of a connection held open or a bare 500/504. Every route carries the CircuitBreaker filter
 * (application.yml, default-filters) with {@link #FALLBACK_PATH} as its fallback.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

    static final String FALLBACK_PATH = "/_gateway/fallback";

    /**
     * Resilience4j's time limiter defaults to 1 s whatever the HTTP client timeout says; align both on one
     * setting so that "slow" means the same thing everywhere.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> downstreamTimeLimit(
            @Value("${spring.cloud.gateway.server.webflux.httpclient.response-timeout}") Duration responseTimeout) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(responseTimeout).build())
                .circuitBreakerConfig(CircuitBreakerConfig.ofDefaults())
                .build());
    }

    @Bean
    RouterFunction<ServerResponse> fallbackRoute(GatewayProblems problems) {
        return RouterFunctions.route()
                .route(request -> request.path().equals(FALLBACK_PATH),
                        request -> unavailable(request.exchange(), problems).then(Mono.<ServerResponse>empty()))
                .build();
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange, GatewayProblems problems) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        // A request the gateway refused itself while streaming it (a chunked body over the limit) is the
        // caller's error, not the service's: keep its status.
        if (cause instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            return problems.write(exchange, error.getStatusCode(), error.getBody().getDetail());
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? "requested" : route.getId();
        String detail = cause instanceof CallNotPermittedException
                ? "The " + service + " service failed repeatedly and is given time to recover; retry later"
                : "The " + service + " service is unavailable or did not answer in time; retry later";
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, detail);
    }
}
