package io.cercle.identity.member;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The caller's own profile in their tenant. */
@RestController
@RequestMapping("/me")
class MeController {

    private final MemberService members;
    private final TenantService tenants;
    private final Clock clock;

    MeController(MemberService members, TenantService tenants, Clock clock) {
        this.members = members;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create my profile in my token's tenant from what the token says of me (name, email), if I "
            + "have none: for someone added to the organization directly in Keycloak. Idempotent: a profile that "
            + "exists is returned unchanged; identity.member.joined is published once")
    @ApiResponse(responseCode = "201", description = "Profile created; identity.member.joined is published")
    @ApiResponse(responseCode = "200", description = "I already had a profile in this tenant: returned unchanged")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "The token names no single tenant")
    @ApiResponse(responseCode = "404", description = "The token's tenant does not exist in Cercle")
    ResponseEntity<Profile> join(CurrentMember caller, @AuthenticationPrincipal Jwt token) {
        String email = token.getClaimAsString("email");
        String name = token.getClaimAsString("name");
        var provisioned = members.provision(caller.requireTenant(), caller.memberId(), email == null ? "" : email,
                name == null || name.isBlank() ? caller.username() : name);
        return ResponseEntity.status(provisioned.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Profile.of(provisioned.member()));
    }

    @GetMapping
    @Operation(summary = "My profile; writes nothing (POST /me creates it for someone added in Keycloak directly)")
    @ApiResponse(responseCode = "200", description = "The caller's profile")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "The token names no single tenant")
    @ApiResponse(responseCode = "404", description = "No profile in this tenant yet: POST /me")
    Profile me(CurrentMember caller) {
        return Profile.of(members.own(caller.requireTenant(), caller.memberId()));
    }

    @GetMapping("/tenants")
    @Operation(summary = "The tenants I belong to, to choose one at sign-in (scope organization:<alias>); "
            + "needs no tenant in the token")
    @ApiResponse(responseCode = "200", description = "My active memberships, by tenant alias")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    List<MyTenant> tenants(CurrentMember caller) {
        return members.memberships(caller.memberId()).stream().map(member -> {
            var tenant = tenants.find(member.tenantId());
            return new MyTenant(member.tenantId(), tenant.map(Tenant::name).orElse(member.tenantId()),
                    member.isTenantAdmin(), "organization:" + member.tenantId());
        }).toList();
    }

    /** @param scope what to ask Keycloak for at sign-in to act in this tenant */
    record MyTenant(String alias, String name, boolean tenantAdmin, String scope) {
    }

    @PutMapping
    @Operation(summary = "Replace my profile; publishes identity.member.profile-updated")
    @ApiResponse(responseCode = "200", description = "The updated profile")
    @ApiResponse(responseCode = "400", description = "Invalid field, named in the problem's errors")
    @ApiResponse(responseCode = "404", description = "No profile yet: POST /me first")
    Profile update(CurrentMember caller, @Valid @RequestBody ProfileUpdate update) {
        return Profile.of(members.updateProfile(caller.requireTenant(), caller.memberId(), update));
    }

    @DeleteMapping("/membership")
    @CallsKeycloak
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave my tenant: my next token no longer names it; my contributions stay")
    @ApiResponse(responseCode = "204", description = "Left; identity.member.left is published")
    @ApiResponse(responseCode = "404", description = "No profile in this tenant")
    void leave(CurrentMember caller) {
        members.leave(tenants.get(caller.requireTenant()), caller.memberId());
    }

    @GetMapping("/export")
    @Operation(summary = "Everything identity-service holds about me, as JSON (GDPR access and portability)")
    @ApiResponse(responseCode = "200", description = "My identity data")
    @ApiResponse(responseCode = "404", description = "No profile yet")
    Export export(CurrentMember caller) {
        String tenantId = caller.requireTenant();
        Member member = members.get(tenantId, caller.memberId());
        Tenant tenant = tenants.get(tenantId);
        return new Export(clock.instant(), new Export.TenantRef(tenant.alias(), tenant.name()), Profile.of(member),
                member.status(), member.isTenantAdmin());
    }

    record Export(Instant exportedAt, TenantRef tenant, Profile profile, Member.Status status, boolean tenantAdmin) {
        record TenantRef(String alias, String name) {
        }
    }

    record Profile(String memberId, String tenantId, String email, String displayName, String jobTitle, String bio,
                   Tenant.Locale locale, List<String> expertise, List<String> interests, Instant joinedAt) {
        static Profile of(Member member) {
            return new Profile(member.memberId(), member.tenantId(), member.email(), member.displayName(),
                    member.jobTitle(), member.bio(), member.locale(), member.expertise(), member.interests(),
                    member.joinedAt());
        }
    }
}
