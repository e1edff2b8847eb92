package io.cercle.identity.tenant;

import io.cercle.platform.page.Page;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * The platform admin's side of tenants' email domains: what tenant admins asked for, approving it, removing a domain
 * (see {@link TenantService} for why a domain needs an approval).
 */
@RestController
@PreAuthorize("hasRole('platform-admin')")
class TenantDomainController {

    private final TenantService tenants;

    TenantDomainController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/pending-domains")
    @Operation(summary = "Email domains awaiting approval, every tenant's (platform admin); paginated by an opaque "
            + "cursor, ordered by tenant then domain")
    @ApiResponse(responseCode = "200", description = "One page of pending domains; pass its next as cursor for the "
            + "next one")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor (one that does not decode, or was issued "
            + "for another list or in a tenant), named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    Page<PendingDomainEntry> pending(
            @Parameter(description = "next of the previous page; absent for the first page")
            @RequestParam(required = false) @Size(max = 1024) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return tenants.pendingDomains(cursor, size).map(PendingDomainEntry::of);
    }

    @PostMapping("/tenants/{alias}/domains/{domain}/approval")
    @Operation(summary = "Approve a tenant's pending email domain (platform admin): it joins the tenant's Keycloak "
            + "organization and opens self-registration if the tenant is OPEN_TO_DOMAINS. Approving a domain the "
            + "tenant holds already changes nothing.")
    @ApiResponse(responseCode = "200", description = "Approved; the tenant's settings")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "404", description = "No such tenant, or the domain is not pending there")
    @ApiResponse(responseCode = "409", description = "Another tenant (or Keycloak organization) holds the domain; "
            + "nothing was changed")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; nothing was changed")
    TenantController.TenantView approve(CurrentMember caller, @PathVariable @Size(max = 63) String alias,
                                        @PathVariable @Size(max = 253) String domain) {
        return TenantController.TenantView.of(tenants.approveDomain(alias, domain, caller.memberId()));
    }

    @DeleteMapping("/tenants/{alias}/domains/{domain}")
    @Operation(summary = "Remove one of a tenant's email domains, pending (a refusal) or approved (platform admin)")
    @ApiResponse(responseCode = "200", description = "Removed; the tenant's settings")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "404", description = "No such tenant, or no such domain there")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; nothing was changed")
    TenantController.TenantView remove(CurrentMember caller, @PathVariable @Size(max = 63) String alias,
                                       @PathVariable @Size(max = 253) String domain) {
        return TenantController.TenantView.of(tenants.removeDomain(alias, domain, caller.memberId()));
    }

    record PendingDomainEntry(String tenant, String tenantName, String domain, String requestedBy,
                              Instant requestedAt) {
        static PendingDomainEntry of(TenantService.PendingEntry entry) {
            return new PendingDomainEntry(entry.tenant().alias(), entry.tenant().name(), entry.claim().domain(),
                    entry.claim().requestedBy(), entry.claim().requestedAt());
        }
    }
}
