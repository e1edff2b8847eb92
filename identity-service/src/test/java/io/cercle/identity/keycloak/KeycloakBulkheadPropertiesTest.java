package io.cercle.identity.keycloak;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each tenant's share of Keycloak is configurable, and a share that would refuse everything stops the start. */
class KeycloakBulkheadPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void theDefaultsLeaveRoomForOtherTenantsBesideOneAtItsLimit() {
        context.run(started -> {
            var properties = started.getBean(KeycloakBulkheadProperties.class);
            assertThat(properties.maxConcurrentPerTenant()).isEqualTo(4);
            assertThat(properties.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void aShareAndADelayCanBeSet() {
        context.withPropertyValues("cercle.keycloak.bulkhead.max-concurrent-per-tenant=2",
                "cercle.keycloak.bulkhead.retry-after=5s").run(started -> {
            var properties = started.getBean(KeycloakBulkheadProperties.class);
            assertThat(properties.maxConcurrentPerTenant()).isEqualTo(2);
            assertThat(properties.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void aShareOfZeroStopsTheServiceFromStartingAndSaysWhy() {
        context.withPropertyValues("cercle.keycloak.bulkhead.max-concurrent-per-tenant=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("maxConcurrentPerTenant");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KeycloakBulkheadProperties.class)
    static class Enable {
    }
}
