package io.cercle.identity.tenant;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
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
    @ApiResponse(responseCode = "201", description = "Created; identity.tenant.created is published")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a platform admin")
    @ApiResponse(responseCode = "409", description = "A tenant with this alias exists")
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
    @Operation(summary = "Replace my tenant's settings (tenant admin); publishes identity.tenant.updated")
    @ApiResponse(responseCode = "200", description = "The new settings")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; nothing was changed")
    TenantView update(CurrentMember caller, @Valid @RequestBody TenantSettings settings) {
        return TenantView.of(tenants.update(caller.requireTenant(), settings, caller.memberId()));
    }

    record TenantView(String alias, String name, Tenant.Locale defaultLocale, List<String> domains,
                      Tenant.JoinPolicy joinPolicy, Instant createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.alias(), tenant.name(), tenant.defaultLocale(), tenant.domains(),
                    tenant.joinPolicy(), tenant.createdAt());
        }
    }
}
