package io.cercle.identity.invitation;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import jakarta.validation.Validator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Invitations: issued by tenant admins, one by one or from CSV, accepted once by the invitee. */
@Service
class InvitationService {

    static final int MAX_CSV_LINES = 1000;

    private final InvitationRepository invitations;
    private final MongoTemplate mongo;
    private final InvitationTokens tokens;
    private final TenantService tenants;
    private final MemberService members;
    private final KeycloakDirectory keycloak;
    private final Validator validator;
    private final Clock clock;
    private final Duration ttl;
    private final String acceptUrl;
    private final InvitationEvents events;

    InvitationService(InvitationRepository invitations, MongoTemplate mongo, InvitationTokens tokens,
                      TenantService tenants, MemberService members, KeycloakDirectory keycloak, Validator validator,
                      Clock clock, InvitationProperties properties, InvitationEvents events) {
        this.invitations = invitations;
        this.mongo = mongo;
        this.tokens = tokens;
        this.tenants = tenants;
        this.members = members;
        this.keycloak = keycloak;
        this.validator = validator;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.acceptUrl = properties.acceptUrl();
        this.events = events;
    }

    record Issued(Invitation invitation, String token) {
    }

    /** Creates the invitation and, in the same write, InvitationCreated, which emails the link to the invitee. */
    Issued invite(String tenantId, NewInvitation request, String invitedBy) {
        var tenant = tenants.get(tenantId);
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        invitations.findFirstByTenantIdAndEmailAndStatus(tenantId, email, Invitation.Status.PENDING)
                .filter(pending -> pending.expiresAt.isAfter(clock.instant()))
                .ifPresent(pending -> {
                    throw new ConflictException(email + " already has a pending invitation");
                });
        var now = clock.instant();
        var invitation = new Invitation(UUID.randomUUID().toString(), tenantId, email, request.role(), invitedBy, now,
                now.plus(ttl));
        String token = tokens.issue(invitation.id, invitation.expiresAt);
        events.created(invitation, tenant.defaultLocale(),
                acceptUrl + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return new Issued(invitations.insert(invitation), token);
    }

    /** One line of a CSV import and what became of it. */
    record LineReport(int line, String email, String outcome, String error, String token) {
    }

    /** Invites every {@code email[,role]} line; a bad line is reported and does not stop the others. */
    List<LineReport> inviteAll(String tenantId, String csv, String invitedBy) {
        List<String> lines = csv == null ? List.of() : csv.lines().toList();
        if (lines.size() > MAX_CSV_LINES + 1) {
            throw new InvalidRequestException(new FieldError("body", "has more than " + MAX_CSV_LINES + " lines"));
        }
        List<LineReport> report = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("email"))) {
                continue;
            }
            String[] cells = line.split("[,;]", -1);
            String email = cells[0].strip().toLowerCase(Locale.ROOT);
            report.add(inviteLine(tenantId, invitedBy, i + 1, email, cells.length > 1 ? cells[1].strip() : "", seen));
        }
        return report;
    }

    private LineReport inviteLine(String tenantId, String invitedBy, int line, String email, String role,
                                  Set<String> seen) {
        Invitation.Role parsedRole;
        try {
            parsedRole = role.isEmpty() ? Invitation.Role.member : Invitation.Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            return new LineReport(line, email, "INVALID", "role must be member or tenant_admin", null);
        }
        var request = new NewInvitation(email, parsedRole);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return new LineReport(line, email, "INVALID", "email " + violations.iterator().next().getMessage(), null);
        }
        if (!seen.add(email)) {
            return new LineReport(line, email, "DUPLICATE", "listed twice in this file", null);
        }
        try {
            Issued issued = invite(tenantId, request, invitedBy);
            return new LineReport(line, email, "INVITED", null, issued.token());
        } catch (ConflictException e) {
            return new LineReport(line, email, "DUPLICATE", e.getMessage(), null);
        }
    }

    record Accepted(String tenantId, String memberId) {
    }

    /**
     * Accepts an invitation: creates the Keycloak user (or links the existing account of that email), adds them
     * to the tenant's organization with the invited role, records MemberJoined, and uses the invitation up.
     * Each Keycloak step is idempotent, so an acceptance that failed half-way can simply be retried.
     */
    Accepted accept(AcceptInvitation request) {
        String invitationId = tokens.verify(request.token(), clock.instant()).orElseThrow(() ->
                new InvalidRequestException(new FieldError("token", "is invalid or has expired")));
        Invitation invitation = invitations.findById(invitationId).orElseThrow(() ->
                new InvalidRequestException(new FieldError("token", "is invalid or has expired")));
        if (invitation.status != Invitation.Status.PENDING) {
            throw new ConflictException("This invitation has already been used or was revoked");
        }
        var tenant = tenants.get(invitation.tenantId);
        String userId = keycloak.findUserIdByEmail(invitation.email).orElseGet(() -> {
            if (request.password() == null) {
                throw new InvalidRequestException(new FieldError("password", "is required to create your account"));
            }
            return keycloak.createUser(invitation.email, request.displayName().strip(), request.password());
        });
        keycloak.addOrganizationMember(tenant.organizationId(), userId);
        if (invitation.role == Invitation.Role.tenant_admin) {
            keycloak.setTenantAdmin(tenant.organizationId(), userId, true);
        }
        boolean usedNow = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(invitation.id).and("status").is(Invitation.Status.PENDING)),
                new Update().set("status", Invitation.Status.ACCEPTED).set("acceptedBy", userId)
                        .set("acceptedAt", clock.instant()),
                Invitation.class).getModifiedCount() == 1;
        if (!usedNow) {
            throw new ConflictException("This invitation has already been used or was revoked");
        }
        if (invitation.role == Invitation.Role.tenant_admin) {
            members.joinAsTenantAdmin(invitation.tenantId, userId, invitation.email, request.displayName().strip(),
                    request.locale(), MemberEvents.JoinedVia.invitation);
        } else {
            members.join(invitation.tenantId, userId, invitation.email, request.displayName().strip(),
                    request.locale(), MemberEvents.JoinedVia.invitation);
        }
        return new Accepted(invitation.tenantId, userId);
    }
}
