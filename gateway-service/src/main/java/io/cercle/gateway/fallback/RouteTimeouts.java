package io.cercle.gateway.fallback;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

import java.time.Duration;

/**
 * How long each route's service may take to start answering: the route's metadata {@code response-timeout} when it
 * has one (identity's writes call Keycloak and get longer), else the HTTP client's global response timeout. The
 * same value bounds Netty's wait for the response and the route's circuit breaker time limit, so "too slow" means
 * one thing per route.
 *
 * <p>Spring Cloud Gateway reads that metadata only as a number of milliseconds and silently falls back to the
 * global timeout for anything else ("10s" included). So the metadata is written in the configuration as a duration
 * and rewritten here to milliseconds once the routes are bound; a value that is no duration stops the start.
 */
final class RouteTimeouts {

    private final Duration globalTimeout;

    RouteTimeouts(Duration globalTimeout) {
        this.globalTimeout = globalTimeout;
    }

    Duration of(Route route) {
        Object millis = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        return millis instanceof Number number ? Duration.ofMillis(number.longValue()) : globalTimeout;
    }

    /** Rewrites each route's {@code response-timeout} (10s, 2500ms, or bare milliseconds) to milliseconds. */
    static BeanPostProcessor inMilliseconds() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof GatewayProperties properties) {
                    properties.getRoutes().forEach(RouteTimeouts::toMilliseconds);
                }
                return bean;
            }
        };
    }

    private static void toMilliseconds(RouteDefinition route) {
        Object value = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (value == null || value instanceof Number) {
            return;
        }
        Duration timeout;
        try {
            timeout = DurationStyle.detectAndParse(value.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Route " + route.getId() + ": response-timeout '" + value
                    + "' is not a duration such as 10s or 2500ms", e);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("Route " + route.getId() + ": response-timeout must be positive, not " + value);
        }
        route.getMetadata().put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeout.toMillis());
    }
}
