package io.cercle.gateway.headers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;

/**
 * Security headers on every response of the gateway, proxied ones included, written by Spring Security's own
 * reactive header writers. The shared security chain already writes some of them, but only for the requests it
 * sees to the end; this filter runs first so that early rejections (413, 403 CORS) carry them too. Each writer
 * adds its header only when the response has none, so a service that sets a stricter value keeps it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeadersConfiguration {

    /** An API answers JSON: nothing in it may load, run or be framed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Swagger UI is the gateway's only page: its own scripts and styles, and calls back to this origin. */
    static final String UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    HttpHeaderWriterWebFilter securityHeadersFilter() {
        var frameOptions = new XFrameOptionsServerHttpHeadersWriter();
        frameOptions.setMode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY);
        var referrer = new ReferrerPolicyServerHttpHeadersWriter();
        referrer.setPolicy(ReferrerPolicy.NO_REFERRER);
        var apiPolicy = new ContentSecurityPolicyServerHttpHeadersWriter();
        apiPolicy.setPolicyDirectives(API_POLICY);
        var uiPolicy = new ContentSecurityPolicyServerHttpHeadersWriter();
        uiPolicy.setPolicyDirectives(UI_POLICY);
        ServerHttpHeadersWriter policy = exchange -> isSwaggerUi(exchange.getRequest().getPath().value())
                ? uiPolicy.writeHttpHeaders(exchange) : apiPolicy.writeHttpHeaders(exchange);
        return new HttpHeaderWriterWebFilter(new CompositeServerHttpHeadersWriter(
                new XContentTypeOptionsServerHttpHeadersWriter(), frameOptions, referrer, policy,
                // no-store: responses carry one member's data and must not stay in shared or browser caches.
                new CacheControlServerHttpHeadersWriter()));
    }

    private static boolean isSwaggerUi(String path) {
        return path.startsWith("/swagger-ui") || path.startsWith("/webjars/");
    }
}
