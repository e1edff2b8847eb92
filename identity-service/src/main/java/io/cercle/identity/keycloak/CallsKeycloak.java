package io.cercle.identity.keycloak;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that calls Keycloak's Admin API: it runs within its tenant's share of identity-service's
 * Keycloak capacity ({@link TenantBulkheads}), so that one tenant's burst of account operations cannot make them
 * wait or fail for every other tenant. Over its share, a tenant gets a 429 problem with {@code Retry-After}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CallsKeycloak {
}
