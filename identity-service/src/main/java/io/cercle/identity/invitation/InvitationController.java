package io.cercle.identity.invitation;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Invitations to the caller's tenant, a platform admin's invitation of a new tenant's first admins, and their
 * acceptance (the one endpoint callable without a token).
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
    @Operation(summary = "Invite one person to my tenant (tenant admin); the answer carries the token to send them")
    @ApiResponse(responseCode = "201", description = "Invited")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "409", description = "This email already has a pending invitation")
    InvitationView invite(@Valid @RequestBody NewInvitation request, CurrentMember caller) {
        var issued = invitations.invite(caller.requireTenant(), request, caller.memberId());
        return InvitationView.of(issued);
    }

    @PostMapping("/tenants/{alias}/invitations")
    @Idempotent
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(summary = "Invite someone to a tenant (platform admin), typically its first tenant admin")
    @ApiResponse(responseCode = "201", description = "Invited")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    @ApiResponse(responseCode = "409", description = "This email already has a pending invitation")
    InvitationView inviteToTenant(@PathVariable @Size(max = 63) String alias,
                                  @Valid @RequestBody NewInvitation request, CurrentMember caller) {
        return InvitationView.of(invitations.invite(alias, request, caller.memberId()));
    }

    @PostMapping(path = "/invitations/bulk", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Idempotent
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Invite many people from CSV lines 'email[,role]' (tenant admin); answers a report per line")
    @ApiResponse(responseCode = "200", description = "One report per line: INVITED, DUPLICATE or INVALID")
    @ApiResponse(responseCode = "400", description = "More than 1000 lines")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    List<InvitationService.LineReport> inviteAll(@RequestBody String csv, CurrentMember caller) {
        return invitations.inviteAll(caller.requireTenant(), csv, caller.memberId());
    }

    @PostMapping("/invitations/accept")
    @CallsKeycloak
    @Operation(summary = "Accept an invitation (no token needed): creates or links the account and joins the tenant")
    @ApiResponse(responseCode = "200", description = "Joined; sign in with the invited email")
    @ApiResponse(responseCode = "400", description = "Invalid or expired token, or invalid field")
    @ApiResponse(responseCode = "409", description = "The invitation was already used")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; retry")
    InvitationService.Accepted accept(@Valid @RequestBody AcceptInvitation request) {
        return invitations.accept(request);
    }

    record InvitationView(String id, String email, Invitation.Role role, Instant expiresAt, String token) {
        static InvitationView of(InvitationService.Issued issued) {
            var invitation = issued.invitation();
            return new InvitationView(invitation.id, invitation.email, invitation.role, invitation.expiresAt,
                    issued.token());
        }
    }
}
