package io.cercle.platform.idempotency;

import io.cercle.platform.messaging.MessagingAutoConfiguration;
import io.cercle.platform.problem.ProblemDetailsAutoConfiguration;
import io.cercle.platform.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/**
 * Idempotency keys for every servlet service with MongoDB: an endpoint opts in with {@link Idempotent}. Keys live
 * in the service's own database (collection {@value IdempotencyRecord#COLLECTION}) and expire through a scheduled
 * clean-up; scheduling and its cross-replica lock come with the messaging auto-configuration.
 */
@AutoConfiguration(after = {MessagingAutoConfiguration.class, ProblemDetailsAutoConfiguration.class},
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean({MongoTemplate.class, ProblemWriter.class})
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    /** After the Spring Security filter chain (order -100): callers without a valid token never get buffered. */
    static final int FILTER_ORDER = 0;

    @Bean
    IdempotencyStore idempotencyStore(MongoTemplate mongo, ObjectProvider<Clock> clock,
                                      IdempotencyProperties properties) {
        return new IdempotencyStore(mongo, clock.getIfAvailable(Clock::systemUTC), properties.inProgressTimeout());
    }

    /**
     * {@link IdempotencyRecord}'s indexes, its unique key above all, are created at start like the service's own
     * (auto-index creation, cercle-defaults.properties): Boot's entity scan covers the application's packages only.
     */
    @Bean
    SmartInitializingSingleton idempotencyRecordKnownAtStart(MongoTemplate mongo) {
        return () -> mongo.getConverter().getMappingContext().getPersistentEntity(IdempotencyRecord.class);
    }

    @Bean
    IdempotencyRetention idempotencyRetention(MongoTemplate mongo, ObjectProvider<Clock> clock,
                                              IdempotencyProperties properties) {
        return new IdempotencyRetention(mongo, clock.getIfAvailable(Clock::systemUTC), properties.retention());
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter() {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter());
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer idempotencyInterceptor(IdempotencyStore store, ProblemWriter problems,
                                            IdempotencyProperties properties, ObjectProvider<MeterRegistry> meters) {
        var interceptor = new IdempotencyInterceptor(store, problems, properties.retryAfter(),
                meters.getIfAvailable(() -> Metrics.globalRegistry));
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Before a service's own interceptors (a bulkhead, say): a replay costs them nothing.
                registry.addInterceptor(interceptor).order(Ordered.HIGHEST_PRECEDENCE + 100);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GlobalOperationCustomizer.class)
    static class OpenApi {

        @Bean
        IdempotencyOpenApi idempotencyOpenApi() {
            return new IdempotencyOpenApi();
        }
    }
}
