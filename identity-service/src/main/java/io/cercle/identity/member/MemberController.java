package io.cercle.identity.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.identity.tenant.Tenant;
import io.cercle.platform.page.Page;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The members of the caller's tenant: a directory every member can search, and what tenant admins do to
 * members. Another tenant's member is never found (404): the tenant comes from the token only.
 */
@RestController
@RequestMapping("/members")
class MemberController {

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    @GetMapping
    @Operation(summary = "Search the member directory by name, expertise or interest; paginated by an opaque cursor. "
            + "Members see active members, without their status; tenant admins also see suspended members, "
            + "with the status of each.")
    @ApiResponse(responseCode = "200", description = "One page of members; pass its next as cursor for the next one")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor (one that does not decode, or was issued "
            + "for another list or tenant), named in the problem's errors")
    Page<MemberView> directory(CurrentMember caller,
                            @RequestParam(required = false) @Size(max = 80) String q,
                            @RequestParam(required = false) @Size(max = 40) String expertise,
                            @RequestParam(required = false) @Size(max = 40) String interest,
                            @Parameter(description = "next of the previous page; absent for the first page")
                            @RequestParam(required = false) @Size(max = 1024) String cursor,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        boolean tenantAdmin = caller.hasRole(CurrentMember.TENANT_ADMIN);
        return members.directory(caller.requireTenant(),
                        new DirectoryQuery(q, expertise, interest, cursor, size), tenantAdmin)
                .map(member -> MemberView.of(member, tenantAdmin));
    }

    @GetMapping("/{memberId}")
    @Operation(summary = "One member of my tenant. Members see active members only, without their status; tenant "
            + "admins also see suspended and departed members, with their status.")
    @ApiResponse(responseCode = "200", description = "The member")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant, or (for a member who is not a "
            + "tenant admin) one who is suspended or has left: the same answer, so that neither shows")
    MemberView get(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        boolean tenantAdmin = caller.hasRole(CurrentMember.TENANT_ADMIN);
        return MemberView.of(members.visible(caller.requireTenant(), memberId, tenantAdmin), tenantAdmin);
    }

    @PostMapping("/{memberId}/suspension")
    @CallsKeycloak
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Suspend a member (tenant admin): they can no longer sign in")
    @ApiResponse(responseCode = "200", description = "Suspended; identity.member.suspended is published")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant")
    @ApiResponse(responseCode = "409", description = "Suspending yourself")
    MemberView suspend(CurrentMember caller, @PathVariable @Size(max = 64) String memberId,
                       @Valid @RequestBody(required = false) Suspension suspension) {
        return MemberView.of(members.suspend(caller.requireTenant(), memberId,
                suspension == null ? "" : suspension.reason(), caller.memberId()));
    }

    @DeleteMapping("/{memberId}/suspension")
    @CallsKeycloak
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Reactivate a suspended member (tenant admin)")
    @ApiResponse(responseCode = "200", description = "Active again; identity.member.reactivated is published")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant")
    MemberView reactivate(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        return MemberView.of(members.reactivate(caller.requireTenant(), memberId, caller.memberId()));
    }

    @PutMapping("/{memberId}/roles/tenant-admin")
    @CallsKeycloak
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Grant the tenant-admin role (tenant admin)")
    @ApiResponse(responseCode = "200", description = "Granted; identity.member.role-changed is published")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant")
    MemberView grantTenantAdmin(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        return MemberView.of(members.setTenantAdmin(caller.requireTenant(), memberId, true, caller.memberId()));
    }

    @DeleteMapping("/{memberId}/roles/tenant-admin")
    @CallsKeycloak
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Revoke the tenant-admin role (tenant admin)")
    @ApiResponse(responseCode = "200", description = "Revoked; identity.member.role-changed is published")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant")
    @ApiResponse(responseCode = "409", description = "Revoking your own role")
    MemberView revokeTenantAdmin(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        return MemberView.of(members.setTenantAdmin(caller.requireTenant(), memberId, false, caller.memberId()));
    }

    @DeleteMapping("/{memberId}")
    @CallsKeycloak
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Erase a member (tenant admin, GDPR): account removed, profile anonymised, every service forgets them")
    @ApiResponse(responseCode = "204", description = "Erased; identity.member.erased is published")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such member in my tenant")
    void erase(CurrentMember caller, @PathVariable @Size(max = 64) String memberId) {
        members.erase(caller.requireTenant(), memberId, caller.memberId());
    }

    record Suspension(@Size(max = 500) String reason) {
    }

    /**
     * A member as another member sees them. {@code status} is for tenant admins only: whether a colleague is
     * suspended or has left is not other members' business (a plain member only ever sees active members anyway).
     */
    record MemberView(String memberId, String displayName, String jobTitle, Tenant.Locale locale,
                      List<String> expertise, List<String> interests,
                      @JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "ACTIVE, SUSPENDED or LEFT; present for tenant admins only",
                              requiredMode = Schema.RequiredMode.NOT_REQUIRED)
                      Member.Status status,
                      boolean tenantAdmin, Instant joinedAt) {

        /** The view a tenant admin gets, status included. */
        static MemberView of(Member member) {
            return of(member, true);
        }

        static MemberView of(Member member, boolean withStatus) {
            return new MemberView(member.memberId(), member.displayName(), member.jobTitle(), member.locale(),
                    member.expertise(), member.interests(), withStatus ? member.status() : null,
                    member.isTenantAdmin(), member.joinedAt());
        }
    }
}
