package io.cercle.identity.keycloak;

import io.cercle.platform.problem.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Fairness between tenants in front of Keycloak: {@link CallsKeycloak} endpoints run within their tenant's bulkhead
 * (issue 8: one tenant could make identity unavailable to all).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakBulkheadProperties.class)
class KeycloakBulkheadConfiguration {

    @Bean
    TenantBulkheads tenantBulkheads(KeycloakBulkheadProperties properties) {
        return new TenantBulkheads(properties.maxConcurrentPerTenant());
    }

    /** Ordered after service-defaults' idempotency interceptor: a replayed answer takes no permit. */
    @Bean
    WebMvcConfigurer keycloakBulkheadInterceptor(TenantBulkheads bulkheads, ProblemWriter problems,
                                                 KeycloakBulkheadProperties properties, MeterRegistry meters) {
        Counter rejected = Counter.builder("cercle.identity.keycloak.bulkhead.rejected")
                .description("Requests refused (429) because their tenant had its share of Keycloak calls running")
                .register(meters);
        var interceptor = new KeycloakBulkheadInterceptor(bulkheads, problems, properties.retryAfter(), rejected);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).order(0);
            }
        };
    }

    @Bean
    KeycloakBulkheadOpenApi keycloakBulkheadOpenApi() {
        return new KeycloakBulkheadOpenApi();
    }
}
