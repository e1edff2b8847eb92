package io.cercle.identity.invitation;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.page.KeysetList;
import io.cercle.platform.page.Page;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Invitations: issued by tenant admins (one by one here, or from CSV through {@link InvitationJobs}), accepted once
 * by the owner of the invited address, signed in. The token that accepts travels only to the invitee's mailbox,
 * inside InvitationCreated; no answer of this API carries it.
 */
@Service
class InvitationService {

    /** The pending invitations of a tenant, newest first, ties by id. */
    private static final KeysetList PENDING = KeysetList.named("invitations", Sort.by(Sort.Order.desc("createdAt")));

    private final InvitationRepository invitations;
    private final MongoTemplate mongo;
    private final InvitationTokens tokens;
    private final TenantService tenants;
    private final MemberService members;
    private final KeycloakDirectory keycloak;
    private final DailyInvitationQuota quota;
    private final Clock clock;
    private final Duration ttl;
    private final String acceptUrl;
    private final InvitationEvents events;

    InvitationService(InvitationRepository invitations, MongoTemplate mongo, InvitationTokens tokens,
                      TenantService tenants, MemberService members, KeycloakDirectory keycloak,
                      DailyInvitationQuota quota, Clock clock, InvitationProperties properties,
                      InvitationEvents events) {
        this.invitations = invitations;
        this.mongo = mongo;
        this.tokens = tokens;
        this.tenants = tenants;
        this.members = members;
        this.keycloak = keycloak;
        this.quota = quota;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.acceptUrl = properties.acceptUrl();
        this.events = events;
    }

    /** Invites one person: see {@link #invite(String, NewInvitation, String, String)}. */
    Invitation invite(String tenantId, NewInvitation request, String invitedBy) {
        return invite(tenantId, request, invitedBy, UUID.randomUUID().toString());
    }

    /**
     * Creates the invitation and, in the same write, InvitationCreated, which emails the link to the invitee. It
     * counts against the tenant's daily allowance; a duplicate of a pending invitation does not.
     *
     * @param invitationId the new invitation's id: random for a single invitation, derived from the job and line
     *                     for a CSV line, so that a line done again after a worker's crash is recognised
     * @throws ConflictException                 if this address has a pending invitation to the tenant
     * @throws DailyInvitationQuota.LimitReached if the tenant used its allowance of today
     */
    Invitation invite(String tenantId, NewInvitation request, String invitedBy, String invitationId) {
        Tenant tenant = tenants.get(tenantId);
        String email = normalised(request.email());
        if (invitations.existsByTenantIdAndEmailAndStatusAndExpiresAtAfter(tenantId, email,
                Invitation.Status.PENDING, clock.instant())) {
            throw new ConflictException(email + " already has a pending invitation");
        }
        var ticket = quota.take(tenantId);
        try {
            var now = clock.instant();
            var invitation = new Invitation(invitationId, tenantId, email, request.role(), invitedBy, now,
                    now.plus(ttl));
            String token = tokens.issue(invitation.id, invitation.expiresAt);
            events.created(invitation, tenant.defaultLocale(),
                    acceptUrl + URLEncoder.encode(token, StandardCharsets.UTF_8));
            return invitations.insert(invitation);
        } catch (RuntimeException notSent) {
            quota.giveBack(ticket);
            throw notSent;
        }
    }

    record Accepted(String tenantId, String memberId) {
    }

    /**
     * Accepts an invitation for the signed-in {@code invitee}, who must own the invited address (verified by
     * Keycloak): their own account joins the tenant's organization with the invited role, MemberJoined is
     * recorded, and the invitation is used up. Nobody else's account is ever attached, and no account is created
     * here: a newcomer registers in Keycloak first.
     * <p>
     * The invitation is marked accepted by this account first, then Keycloak and the member follow; each of those
     * steps is idempotent, so the same person retrying after a failure (a 503 from Keycloak) completes the joining,
     * while a revocation racing with the acceptance cannot leave someone in the organization half-way.
     */
    Accepted accept(AcceptInvitation request, Invitee invitee) {
        String invitationId = tokens.verify(request.token(), clock.instant()).orElseThrow(() ->
                new InvalidRequestException(new FieldError("token", "is invalid or has expired")));
        Invitation invitation = invitations.findById(invitationId).orElseThrow(() ->
                new InvalidRequestException(new FieldError("token", "is invalid or has expired")));
        if (!invitee.owns(invitation.email)) {
            throw signInWithTheInvitedAddress();
        }
        members.refuseIfSuspended(invitation.tenantId, invitee.userId());
        useUp(invitation, invitee.userId());
        var tenant = tenants.get(invitation.tenantId);
        keycloak.addOrganizationMember(tenant.organizationId(), invitee.userId());
        if (invitation.role == Invitation.Role.tenant_admin) {
            keycloak.setTenantAdmin(tenant.organizationId(), invitee.userId(), true);
        }
        String displayName = displayName(request, invitee, invitation.email);
        Tenant.Locale locale = request.locale() != null ? request.locale() : tenant.defaultLocale();
        if (invitation.role == Invitation.Role.tenant_admin) {
            members.joinAsTenantAdmin(invitation.tenantId, invitee.userId(), invitation.email, displayName, locale,
                    MemberEvents.JoinedVia.invitation);
        } else {
            members.join(invitation.tenantId, invitee.userId(), invitation.email, displayName, locale,
                    MemberEvents.JoinedVia.invitation);
        }
        return new Accepted(invitation.tenantId, invitee.userId());
    }

    /** PENDING becomes ACCEPTED by this account in one conditional update; accepted by them already is a retry. */
    private void useUp(Invitation invitation, String userId) {
        boolean usedNow = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(invitation.id).and("status").is(Invitation.Status.PENDING)),
                new Update().set("status", Invitation.Status.ACCEPTED).set("acceptedBy", userId)
                        .set("acceptedAt", clock.instant()),
                Invitation.class).getModifiedCount() == 1;
        if (usedNow) {
            return;
        }
        Invitation now = invitations.findById(invitation.id).orElseThrow();
        if (now.status == Invitation.Status.REVOKED) {
            throw revoked();
        }
        if (now.status == Invitation.Status.ACCEPTED && !userId.equals(now.acceptedBy)) {
            throw new ConflictException("This invitation has already been used");
        }
    }

    private static String displayName(AcceptInvitation request, Invitee invitee, String email) {
        if (request.displayName() != null && !request.displayName().isBlank()) {
            return request.displayName().strip();
        }
        if (invitee.name() != null && !invitee.name().isBlank()) {
            String name = invitee.name().strip().replaceAll("[<>]", "");
            return name.length() > 80 ? name.substring(0, 80) : name;
        }
        return email.substring(0, email.indexOf('@'));
    }

    /**
     * Revokes a pending invitation of the tenant: its link stops working. Revoking it again changes nothing; an
     * accepted one cannot be revoked (409) and another tenant's is not found (404).
     */
    void revoke(String tenantId, String invitationId, String actorId) {
        Invitation invitation = ofTenant(tenantId, invitationId);
        if (invitation.status == Invitation.Status.ACCEPTED) {
            throw new ConflictException("This invitation was already accepted; manage the member instead");
        }
        boolean revokedNow = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(invitationId).and("status").is(Invitation.Status.PENDING)),
                new Update().set("status", Invitation.Status.REVOKED).set("revokedBy", actorId)
                        .set("revokedAt", clock.instant()),
                Invitation.class).getModifiedCount() == 1;
        if (!revokedNow && ofTenant(tenantId, invitationId).status == Invitation.Status.ACCEPTED) {
            throw new ConflictException("This invitation was already accepted; manage the member instead");
        }
    }

    /** The tenant's invitations still waiting for their invitee, newest first, one page after {@code cursor}. */
    Page<Invitation> pending(String tenantId, String cursor, int size) {
        var criteria = Criteria.where("tenantId").is(tenantId).and("status").is(Invitation.Status.PENDING)
                .and("expiresAt").gt(clock.instant());
        return PENDING.page(mongo, Query.query(criteria), Invitation.class, tenantId, cursor, size);
    }

    private Invitation ofTenant(String tenantId, String invitationId) {
        return invitations.findById(invitationId).filter(invitation -> invitation.tenantId.equals(tenantId))
                .orElseThrow(() -> new NotFoundException("Invitation", invitationId));
    }

    static String normalised(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** 403: the caller is signed in, but not as the verified owner of the invited address. */
    private static ErrorResponseException signInWithTheInvitedAddress() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This invitation is for another email "
                + "address. Sign in with the address the invitation was sent to (or create your account with it and "
                + "verify it), then accept the invitation again.");
        problem.setTitle("Sign in with the invited address");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }

    /** 410: the tenant revoked the invitation; its link is dead for good. */
    private static ErrorResponseException revoked() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                "This invitation was revoked by the organization; ask its administrators for a new one");
        problem.setTitle("Invitation revoked");
        return new ErrorResponseException(HttpStatus.GONE, problem, null);
    }
}
