package io.cercle.identity.tenant;

import org.springframework.data.mongodb.repository.MongoRepository;

interface TenantRepository extends MongoRepository<Tenant, String> {
}
