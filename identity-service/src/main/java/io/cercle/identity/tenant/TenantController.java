package io.cercle.identity.tenant;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Platform administration of tenants ({@code /tenants}), and a tenant's own settings ({@code /tenant}). */
@RestController
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping("/tenants")
    @Idempotent
    @CallsKeycloak
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(summary = "Create a tenant (platform admin)")
    @ApiResponse(responseCode = "201", description = "Created, its domains approved; identity.tenant.created is "
            + "published")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors (a public mail "
            + "domain such as gmail.com is one: domains[i])")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "409", description = "A tenant with this alias exists, or one of the domains belongs "
            + "to another tenant; nothing was created")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; nothing was created")
    ResponseEntity<TenantView> create(@Valid @RequestBody NewTenant request, CurrentMember caller) {
        Tenant tenant = tenants.create(request, caller.memberId());
        return ResponseEntity.created(URI.create("/tenants/" + tenant.alias())).body(TenantView.of(tenant));
    }

    @GetMapping("/tenants/{alias}")
    @PreAuthorize("hasRole('platform-admin')")
    @Operation(summary = "Read a tenant (platform admin)")
    @ApiResponse(responseCode = "200", description = "The tenant")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    TenantView get(@PathVariable String alias) {
        return TenantView.of(tenants.get(alias));
    }

    @GetMapping("/tenant")
    @Operation(summary = "My tenant's settings")
    @ApiResponse(responseCode = "200", description = "The settings")
    @ApiResponse(responseCode = "403", description = "The token names no single tenant")
    TenantView mine(CurrentMember caller) {
        return TenantView.of(tenants.get(caller.requireTenant()));
    }

    @PutMapping("/tenant")
    @CallsKeycloak
    @PreAuthorize("hasRole('tenant-admin')")
    @Operation(summary = "Replace my tenant's settings (tenant admin); publishes identity.tenant.updated. "
            + "'domains' lists every domain wanted: new ones are pending until a platform admin approves them "
            + "(they open nothing until then), those left out are dropped.")
    @ApiResponse(responseCode = "200", description = "The new settings, new domains in pendingDomains")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors (a public mail "
            + "domain such as gmail.com is one: domains[i])")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "409", description = "A new domain belongs to another tenant; nothing was changed")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; nothing was changed")
    TenantView update(CurrentMember caller, @Valid @RequestBody TenantSettings settings) {
        return TenantView.of(tenants.update(caller.requireTenant(), settings, caller.memberId()));
    }

    /**
     * A tenant's settings. {@code domains} lists every domain of the tenant, approved or pending, so that what is
     * read can be sent back with {@code PUT /tenant} unchanged; {@code pendingDomains} says which of them await a
     * platform admin's approval.
     */
    record TenantView(String alias, String name, Tenant.Locale defaultLocale,
                      @Schema(description = "Every email domain of the tenant, approved or pending")
                      List<String> domains,
                      @Schema(description = "The domains awaiting a platform admin's approval: until then they open "
                              + "nothing and are not in Keycloak")
                      List<PendingDomainView> pendingDomains,
                      Tenant.JoinPolicy joinPolicy, Instant createdAt) {
        static TenantView of(Tenant tenant) {
            var all = new ArrayList<>(tenant.domains());
            tenant.pendingDomains().forEach(claim -> all.add(claim.domain()));
            return new TenantView(tenant.alias(), tenant.name(), tenant.defaultLocale(), List.copyOf(all),
                    tenant.pendingDomains().stream().map(PendingDomainView::of).toList(), tenant.joinPolicy(),
                    tenant.createdAt());
        }
    }

    record PendingDomainView(String domain, String requestedBy, Instant requestedAt) {
        static PendingDomainView of(Tenant.PendingDomain claim) {
            return new PendingDomainView(claim.domain(), claim.requestedBy(), claim.requestedAt());
        }
    }
}
