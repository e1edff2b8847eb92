package io.cercle.identity.invitation;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.page.Page;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Invitations to the caller's tenant (tenant admins invite, list the pending ones and revoke them), a platform
 * admin's invitation of a new tenant's first admins, and the invitee's acceptance, signed in with the invited
 * address. No answer carries an invitation's token: it goes to the invitee's mailbox only.
 */
@RestController
class InvitationController {

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/invitations")
    @Idempotent
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Invite one person to my tenant (tenant admin); the link to accept is emailed to them, "
            + "never returned")
    @ApiResponse(responseCode = "201", description = "Invited; identity.invitation.created is published")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "409", description = "This email already has a pending invitation")
    @ApiResponse(responseCode = "429", description = "The tenant's daily invitation limit is reached; the problem "
            + "says when it resets (Retry-After)")
    InvitationView invite(@Valid @RequestBody NewInvitation request, CurrentMember caller) {
        return InvitationView.of(invitations.invite(caller.requireTenant(), request, caller.memberId()));
    }

    @PostMapping("/tenants/{alias}/invitations")
    @Idempotent
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(summary = "Invite someone to a tenant (platform admin), typically its first tenant admin; the link "
            + "to accept is emailed to them, never returned")
    @ApiResponse(responseCode = "201", description = "Invited; identity.invitation.created is published")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    @ApiResponse(responseCode = "409", description = "This email already has a pending invitation")
    @ApiResponse(responseCode = "429", description = "The tenant's daily invitation limit is reached")
    InvitationView inviteToTenant(@PathVariable @Size(max = 63) String alias,
                                  @Valid @RequestBody NewInvitation request, CurrentMember caller) {
        return InvitationView.of(invitations.invite(alias, request, caller.memberId()));
    }

    @GetMapping("/invitations")
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "My tenant's pending invitations, newest first (tenant admin)")
    @ApiResponse(responseCode = "200", description = "One page; pass its next as cursor for the next one")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor (one that does not decode, or was issued "
            + "for another list or tenant), named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    Page<InvitationView> pending(
            @Parameter(description = "next of the previous page; absent for the first page")
            @RequestParam(required = false) @Size(max = 1024) String cursor,
            @Parameter(description = "Page size, 1 to 100")
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            CurrentMember caller) {
        return invitations.pending(caller.requireTenant(), cursor, size).map(InvitationView::of);
    }

    @DeleteMapping("/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Revoke a pending invitation of my tenant (tenant admin): its link stops working")
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such invitation in my tenant")
    @ApiResponse(responseCode = "409", description = "The invitation was already accepted")
    void revoke(@PathVariable @Size(max = 64) String invitationId, CurrentMember caller) {
        invitations.revoke(caller.requireTenant(), invitationId, caller.memberId());
    }

    @PostMapping("/invitations/accept")
    @CallsKeycloak
    @Operation(summary = "Accept an invitation, signed in with the invited email address (verified): my own "
            + "account joins the tenant. A newcomer first creates their account through Keycloak's registration, "
            + "with that address; then signs in again to get a token naming the tenant")
    @ApiResponse(responseCode = "200", description = "Joined (also when the same person retries); "
            + "identity.member.joined is published once")
    @ApiResponse(responseCode = "400", description = "Invalid or expired token, or invalid field")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    @ApiResponse(responseCode = "403", description = "Signed in with another address than the invited one, or "
            + "with an unverified one")
    @ApiResponse(responseCode = "409", description = "The invitation was already used by someone else, or the invitee "
            + "is suspended in this tenant (only a tenant admin's reactivation ends a suspension)")
    @ApiResponse(responseCode = "410", description = "The invitation was revoked")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; retry")
    InvitationService.Accepted accept(@Valid @RequestBody AcceptInvitation request, @AuthenticationPrincipal Jwt token) {
        return invitations.accept(request, Invitee.of(token));
    }

    /** An invitation as admins see it: who, which role, until when, invited by whom. Never its token. */
    record InvitationView(String id, String email, Invitation.Role role, Invitation.Status status, String invitedBy,
                          Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id, invitation.email, invitation.role, invitation.status,
                    invitation.invitedBy, invitation.createdAt, invitation.expiresAt);
        }
    }
}
