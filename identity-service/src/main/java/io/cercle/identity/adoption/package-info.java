/**
 * Adopting organizations that already exist in Keycloak (imported with the realm, or made there by an operator) as
 * tenants, with their members: how the local run's demo tenant exists in identity-service from the start.
 */
package io.cercle.identity.adoption;
