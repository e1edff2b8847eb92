package io.cercle.gateway.fallback;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A route's response-timeout is written as a duration and handed to Spring Cloud Gateway in milliseconds. */
class RouteTimeoutsTest {

    @Test
    void aDurationBecomesMillisecondsThatSpringCloudGatewayReads() {
        GatewayProperties properties = routes(Map.of("response-timeout", "10s"), Map.of("response-timeout", "2500ms"),
                Map.of("response-timeout", "750"), Map.of());

        RouteTimeouts.inMilliseconds().postProcessAfterInitialization(properties, "gatewayProperties");

        assertThat(properties.getRoutes()).extracting(route -> route.getMetadata().get("response-timeout"))
                .containsExactly(10_000L, 2_500L, 750L, null);
    }

    @Test
    void aRouteWithoutItsOwnTimeoutTakesTheGlobalOne() {
        var timeouts = new RouteTimeouts(Duration.ofMillis(1500));

        assertThat(timeouts.of(route(Map.of("response-timeout", 10_000L)))).isEqualTo(Duration.ofSeconds(10));
        assertThat(timeouts.of(route(Map.of()))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aTimeoutThatIsNoDurationStopsTheStartNamingTheRoute() {
        GatewayProperties properties = routes(Map.of("response-timeout", "ten seconds"));

        assertThatThrownBy(() -> RouteTimeouts.inMilliseconds().postProcessAfterInitialization(properties, "gateway"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Route route-0: response-timeout 'ten seconds' is not a duration such as 10s or 2500ms");
    }

    @Test
    void aTimeoutOfZeroStopsTheStart() {
        GatewayProperties properties = routes(Map.of("response-timeout", "0s"));

        assertThatThrownBy(() -> RouteTimeouts.inMilliseconds().postProcessAfterInitialization(properties, "gateway"))
                .hasMessage("Route route-0: response-timeout must be positive, not 0s");
    }

    @SafeVarargs
    private static GatewayProperties routes(Map<String, Object>... metadata) {
        var properties = new GatewayProperties();
        List<RouteDefinition> routes = new java.util.ArrayList<>();
        for (int i = 0; i < metadata.length; i++) {
            var route = new RouteDefinition();
            route.setId("route-" + i);
            route.setUri(URI.create("http://localhost:808" + i));
            route.setMetadata(new java.util.HashMap<>(metadata[i]));
            routes.add(route);
        }
        properties.setRoutes(routes);
        return properties;
    }

    private static Route route(Map<String, Object> metadata) {
        return Route.async().id("r").uri(URI.create("http://localhost:8081")).predicate(exchange -> true)
                .metadata(metadata).build();
    }
}
