package io.cercle.notification.tenant;

import org.springframework.stereotype.Service;

import java.util.Optional;

/** The tenants notification-service writes for: its read model of identity's tenants. */
@Service
public class TenantDirectory {

    private final TenantProfiles profiles;

    TenantDirectory(TenantProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * Records a tenant as created or updated; saving the same profile twice leaves one (the id is the tenant id).
     * The last event applied wins: identity publishes the whole profile each time.
     */
    public void record(TenantProfile profile) {
        profiles.save(profile);
    }

    public Optional<TenantProfile> find(String tenantId) {
        return profiles.findById(tenantId);
    }
}
