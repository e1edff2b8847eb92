package io.cercle.notification.tenant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What notification-service knows of a tenant, fed by identity events: the name that signs its emails and the
 * language to fall back on.
 */
@Document("tenants")
public record TenantProfile(@Id String tenantId, String name, String defaultLocale) {
}
