package io.cercle.gateway.fallback;

import io.cercle.gateway.problem.GatewayProblems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a caller gets when a service is down, slow or behind an open circuit: a 503 problem with Retry-After, within
 * the route's timeout, instead of a connection held open or a bare 500/504. Every fallback is also logged (WARN, one
 * line whose shape system tests and log searches rely on) and counted in {@code cercle.gateway.fallbacks}, so that
 * an operator sees which route failed, why, and for which request.
 */
final class GatewayFallbacks {

    static final String METRIC = "cercle.gateway.fallbacks";
    /** Set by requestid/RequestIdFilter on every request before it gets here. */
    private static final String REQUEST_ID = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(GatewayFallbacks.class);

    private final GatewayProblems problems;
    private final MeterRegistry meters;

    GatewayFallbacks(GatewayProblems problems, MeterRegistry meters) {
        this.problems = problems;
        this.meters = meters;
    }

    /** Answers 503 for {@code failure} of the call through {@code route}, after logging and counting it. */
    Mono<Void> unavailable(ServerWebExchange exchange, Route route, Throwable failure) {
        Throwable cause = rootOf(failure);
        String causeName = cause.getClass().getSimpleName();
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        log.warn("Gateway fallback route={} status={} cause={}: {} requestId={}", route.getId(), status.value(),
                causeName, oneLine(cause.getMessage()), exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        Counter.builder(METRIC)
                .description("Requests the gateway answered itself because a service failed, was too slow or was "
                        + "behind an open circuit")
                .tag("route", route.getId())
                .tag("cause", causeName)
                .register(meters)
                .increment();
        String detail = failure instanceof CallNotPermittedException
                ? "The " + route.getId() + " service failed repeatedly and is given time to recover; retry later"
                : "The " + route.getId() + " service is unavailable or did not answer in time; retry later";
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, status, detail);
    }

    /**
     * The failure that explains the fallback: Spring Cloud Gateway wraps its own time-out in a 504
     * ResponseStatusException, which says less than the TimeoutException inside it.
     */
    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ResponseStatusException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Exception messages may carry line breaks (or text chosen by a caller): one log line per fallback, always. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n\\t]+", " ");
    }
}
