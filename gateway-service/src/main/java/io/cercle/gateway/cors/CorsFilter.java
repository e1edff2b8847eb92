package io.cercle.gateway.cors;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * CORS for the configured origins only. It runs before the security chain because a browser's preflight carries
 * no token and would otherwise get a 401; a refused origin gets a 403 problem instead of Spring's empty 403.
 * Credentials (cookies) are not allowed: the API takes bearer tokens only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
@EnableConfigurationProperties(CorsProperties.class)
class CorsFilter implements WebFilter {

    private final CorsConfiguration configuration = new CorsConfiguration();
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final GatewayProblems problems;

    CorsFilter(CorsProperties properties, GatewayProblems problems) {
        this.problems = problems;
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name(),
                HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name()));
        // Idempotency-Key makes creations safe to retry (platform/service-defaults, @Idempotent); a browser app
        // must be able to send it and to see whether an answer was replayed.
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
                HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, "X-Request-Id", "Idempotency-Key"));
        configuration.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION,
                "Idempotent-Replayed"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return problems.write(exchange, HttpStatus.FORBIDDEN,
                    "Cross-origin requests from " + request.getHeaders().getOrigin() + " are not allowed");
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }
}
