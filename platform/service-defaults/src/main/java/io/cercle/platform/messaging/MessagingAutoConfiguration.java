package io.cercle.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The event backbone of a service: the outbox journal and relay, idempotent consumption with its retention job,
 * and the metrics of both. Destinations, groups, retries and dead-letter queues are binding properties
 * (cercle-defaults.properties and each service's application.yml).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnClass({MongoTemplate.class, StreamBridge.class})
@EnableConfigurationProperties({OutboxProperties.class, InboxProperties.class, MessagingProperties.class})
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventJournal eventJournal(JsonMapper json) {
        return new EventJournal(json);
    }

    @Bean
    Inbox inbox(MongoTemplate mongo, JsonMapper json, MeterRegistry meters, Clock clock) {
        return new Inbox(mongo, json, meters, clock);
    }

    @Bean
    ProcessedEventRetention processedEventRetention(MongoTemplate mongo, Clock clock, InboxProperties inbox) {
        return new ProcessedEventRetention(mongo, clock, inbox.retention());
    }

    /**
     * The indexes the platform's own documents declare ({@link ProcessedEvent}) are created at start, like the
     * service's (auto-index creation is on, cercle-defaults.properties): Boot's entity scan covers the application's
     * packages only, so these documents would otherwise reach the mapping context, and get their indexes, at the
     * first event consumed.
     */
    @Bean
    SmartInitializingSingleton platformDocumentsKnownAtStart(MongoTemplate mongo) {
        return () -> mongo.getConverter().getMappingContext().getPersistentEntity(ProcessedEvent.class);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(MeterRegistry meters,
                                        @Qualifier("errorChannel") SubscribableChannel errorChannel) {
        var metrics = new DeadLetterMetrics(meters);
        errorChannel.subscribe(metrics);
        return metrics;
    }

    @Bean
    EventSender eventSender(StreamBridge bridge, OutboxProperties properties, MessagingProperties messaging) {
        return new EventSender(bridge, properties.confirmTimeout(), messaging.broker().nacksUnroutable());
    }

    /** Scheduled jobs of every service run once across replicas (docs/architecture.md, scaling out). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
    static class Locking {

        @Bean
        @ConditionalOnMissingBean
        LockProvider lockProvider(MongoTemplate mongo) {
            return new MongoLockProvider(mongo.getDb());
        }

        @Bean
        LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
            return new DefaultLockingTaskExecutor(lockProvider);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "cercle.outbox.relay-enabled", matchIfMissing = true)
    static class Relay {

        @Bean
        OutboxRelay outboxRelay(MongoTemplate mongo, EventSender sender, LockingTaskExecutor locks, Clock clock,
                                OutboxProperties properties, MeterRegistry meters) {
            return new OutboxRelay(mongo, sender, locks, clock, properties, meters);
        }

        @Bean
        OutboxSaveListener outboxSaveListener(OutboxRelay relay) {
            return new OutboxSaveListener(relay);
        }
    }
}
