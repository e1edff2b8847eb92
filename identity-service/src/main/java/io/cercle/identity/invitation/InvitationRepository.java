package io.cercle.identity.invitation;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Optional;

interface InvitationRepository extends MongoRepository<Invitation, String> {

    Optional<Invitation> findFirstByTenantIdAndEmailAndStatus(String tenantId, String email, Invitation.Status status);
}
