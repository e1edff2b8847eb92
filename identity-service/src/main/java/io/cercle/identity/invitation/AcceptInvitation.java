package io.cercle.identity.invitation;

import io.cercle.identity.tenant.Tenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The invitee's acceptance, sent with their own sign-in. No password: accounts are created and their passwords
 * set in Keycloak's own registration, never through this API.
 *
 * @param token       the token of the invitation, from the link in the invitation email
 * @param displayName how they want to appear; their name in Keycloak when absent
 * @param locale      {@code fr} or {@code en}; the tenant's language when absent
 */
record AcceptInvitation(
        @NotBlank @Size(max = 512) String token,
        @Size(min = 1, max = 80) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String displayName,
        Tenant.Locale locale) {
}
