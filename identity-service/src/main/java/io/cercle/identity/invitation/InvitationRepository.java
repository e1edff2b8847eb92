package io.cercle.identity.invitation;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.time.Instant;

interface InvitationRepository extends MongoRepository<Invitation, String> {

    boolean existsByTenantIdAndEmailAndStatusAndExpiresAtAfter(String tenantId, String email, Invitation.Status status,
                                                               Instant now);
}
