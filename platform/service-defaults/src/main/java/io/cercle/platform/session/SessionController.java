package io.cercle.platform.session;

import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /session}: who this service believes the caller is. Every service answers it the same way, so an
 * operator can check a token, the tenant it carries and the route to each service through the gateway.
 */
@RestController
class SessionController {

    private final String service;

    SessionController(String service) {
        this.service = service;
    }

    @GetMapping("/session")
    @Operation(summary = "The caller as this service sees it: tenant, member id and roles from the access token")
    @ApiResponse(responseCode = "200", description = "The verified caller")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    Session session(CurrentMember member) {
        return new Session(service, member.tenantId().orElse(null), member.memberId(), member.username(),
                member.roles().stream().sorted().toList());
    }

    record Session(String service, String tenantId, String memberId, String username, List<String> roles) {
    }
}
