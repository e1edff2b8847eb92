package io.cercle.identity.keycloak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One bulkhead per tenant: at most {@code maxConcurrentPerTenant} of a tenant's requests call Keycloak at once in
 * this replica. Refused at once rather than queued: a waiting request would hold a servlet thread, the very
 * capacity the others need. Keys are tenants of verified tokens or a few fixed names, so the map stays small.
 */
class TenantBulkheads {

    private final int permitsPerTenant;
    private final Map<String, Semaphore> bulkheads = new ConcurrentHashMap<>();

    TenantBulkheads(int permitsPerTenant) {
        this.permitsPerTenant = permitsPerTenant;
    }

    /** Takes one of the tenant's permits if one is free; false when the tenant is at its limit. */
    boolean tryAcquire(String tenant) {
        return bulkhead(tenant).tryAcquire();
    }

    void release(String tenant) {
        bulkhead(tenant).release();
    }

    /** How many more requests of this tenant may call Keycloak right now. */
    int available(String tenant) {
        return bulkhead(tenant).availablePermits();
    }

    private Semaphore bulkhead(String tenant) {
        return bulkheads.computeIfAbsent(tenant, key -> new Semaphore(permitsPerTenant));
    }
}
