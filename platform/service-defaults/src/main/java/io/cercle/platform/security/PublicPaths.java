package io.cercle.platform.security;

/** Paths anyone may call, in every service and the gateway: probes, Prometheus and the OpenAPI description. */
public final class PublicPaths {

    public static final String[] ALL = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/error"};

    private PublicPaths() {
    }
}
