package io.cercle.identity.tenant;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Platform administration of tenants. */
@RestController
@RequestMapping("/tenants")
@PreAuthorize("hasRole('platform-admin')")
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
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

    @GetMapping("/{alias}")
    @Operation(summary = "Read a tenant (platform admin)")
    @ApiResponse(responseCode = "200", description = "The tenant")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    TenantView get(@PathVariable String alias) {
        return TenantView.of(tenants.get(alias));
    }

    record TenantView(String alias, String name, Tenant.Locale defaultLocale, List<String> domains,
                      Tenant.JoinPolicy joinPolicy, Instant createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.alias(), tenant.name(), tenant.defaultLocale(), tenant.domains(),
                    tenant.joinPolicy(), tenant.createdAt());
        }
    }
}
