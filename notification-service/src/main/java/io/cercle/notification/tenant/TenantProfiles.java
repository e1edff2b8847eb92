package io.cercle.notification.tenant;

import org.springframework.data.mongodb.repository.MongoRepository;

interface TenantProfiles extends MongoRepository<TenantProfile, String> {
}
