package io.cercle.identity.tenant;

/**
 * What the tenant feature tells the messaging boundary; implemented in {@code messaging/}, which maps it to
 * integration events recorded on the tenant itself (same document write).
 */
public interface TenantEvents {

    void created(Tenant tenant);

    void updated(Tenant tenant, String actorId);
}
