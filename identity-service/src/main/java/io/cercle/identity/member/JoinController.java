package io.cercle.identity.member;

import io.cercle.identity.keycloak.CallsKeycloak;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Locale;

/**
 * Self-registration in an open tenant: someone who signed up in Keycloak (which verified their email) joins a
 * tenant whose join policy is open to their email domain. The tenant is named in the path here, and only here,
 * because the caller is not in any tenant yet; the verified email decides whether they may.
 * <p>
 * A tenant that does not exist, one joined by invitation only and one open to other domains answer alike (404, same
 * problem): otherwise anyone could list which tenants exist, and which accept whom, by trying aliases.
 */
@RestController
class JoinController {

    /** The one refusal for every tenant this caller cannot join, whether it exists or not. */
    private static final String NOT_JOINABLE = "There is no tenant by this name that your email address may join; "
            + "ask its admins for an invitation";

    private final TenantService tenants;
    private final MemberService members;

    JoinController(TenantService tenants, MemberService members) {
        this.tenants = tenants;
        this.members = members;
    }

    @PostMapping("/tenants/{alias}/join")
    @CallsKeycloak
    @Operation(summary = "Join an open tenant with a verified email of one of its approved domains; sign in again "
            + "afterwards")
    @ApiResponse(responseCode = "200", description = "Joined; identity.member.joined is published")
    @ApiResponse(responseCode = "403", description = "The caller's email is not verified (checked before the tenant, "
            + "so this says nothing about it)")
    @ApiResponse(responseCode = "404", description = "No tenant by this name is open to the caller's email domain: "
            + "it does not exist, is joined by invitation only, or is open to other domains (one answer for all)")
    @ApiResponse(responseCode = "409", description = "Suspended in this tenant: only a tenant admin's reactivation ends it")
    @ApiResponse(responseCode = "503", description = "Keycloak cannot be reached; retry")
    Joined join(@PathVariable @Size(max = 63) String alias, @AuthenticationPrincipal Jwt token) {
        String email = token.getClaimAsString("email");
        if (email == null || email.indexOf('@') < 1 || !Boolean.TRUE.equals(token.getClaimAsBoolean("email_verified"))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your email address must be verified first");
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        Tenant tenant = tenants.joinableBy(alias, domain)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, NOT_JOINABLE));
        String name = token.getClaimAsString("name");
        Member member = members.selfJoin(tenant, token.getSubject(), email.toLowerCase(Locale.ROOT),
                name == null || name.isBlank() ? email : name);
        return new Joined(member.tenantId(), member.memberId());
    }

    record Joined(String tenantId, String memberId) {
    }
}
