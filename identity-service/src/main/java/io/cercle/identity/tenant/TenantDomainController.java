package io.cercle.identity.tenant;

import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

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
    @ApiResponse(responseCode = "200", description = "One page of pending domains and the cursor of the next")
    @ApiResponse(responseCode = "400", description = "Invalid size or cursor, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    PendingDomainsPage pending(@RequestParam(required = false) @Size(max = 400) String cursor,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        var page = tenants.pendingDomains(decode(cursor), size);
        return new PendingDomainsPage(page.entries().stream().map(PendingDomainEntry::of).toList(),
                encode(page.next()));
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

    record PendingDomainsPage(List<PendingDomainEntry> domains, String nextCursor) {
    }

    record PendingDomainEntry(String tenant, String tenantName, String domain, String requestedBy,
                              Instant requestedAt) {
        static PendingDomainEntry of(TenantService.PendingEntry entry) {
            return new PendingDomainEntry(entry.tenant().alias(), entry.tenant().name(), entry.claim().domain(),
                    entry.claim().requestedBy(), entry.claim().requestedAt());
        }
    }

    /** The cursor is the last entry's tenant and domain; neither contains a space. */
    private static String encode(TenantService.PendingCursor cursor) {
        return cursor == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString((cursor.alias() + " " + cursor.domain()).getBytes(StandardCharsets.UTF_8));
    }

    private static TenantService.PendingCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ");
            if (parts.length == 2) {
                return new TenantService.PendingCursor(parts[0], parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // Not base64: answered below like any other foreign cursor.
        }
        throw new InvalidRequestException(new FieldError("cursor", "is not a cursor this service issued"));
    }
}
