package io.cercle.identity.keycloak;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Each tenant's share of identity-service's Keycloak capacity ({@code cercle.keycloak.bulkhead.*}).
 *
 * @param maxConcurrentPerTenant how many requests of one tenant may call Keycloak at the same time in one replica.
 *                               The Admin API client holds 10 connections: 4 leaves room for two other tenants even
 *                               while one is at its limit
 * @param retryAfter             what a tenant over its share is told to wait
 */
@Validated
@ConfigurationProperties("cercle.keycloak.bulkhead")
public record KeycloakBulkheadProperties(@DefaultValue("4") @Min(1) int maxConcurrentPerTenant,
                                         @DefaultValue("2s") Duration retryAfter) {
}
