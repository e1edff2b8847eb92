package io.cercle.notification.messaging;

import io.cercle.events.EventTypes;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import io.cercle.platform.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Consumers of identity events; bindings (exchange, group, routing key) are in application.yml. */
@Configuration(proxyBeanMethods = false)
class IdentityEventConsumers {

    @Bean
    Consumer<Message<byte[]>> tenantCreated(Inbox inbox, TenantDirectory tenants) {
        return inbox.consumer("tenant-directory", EventTypes.TENANT_CREATED, event -> tenants.record(
                new TenantProfile(event.data().alias(), event.data().name(), event.data().defaultLocale())));
    }
}
