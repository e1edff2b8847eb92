package io.cercle.identity.invitation;

import io.cercle.identity.tenant.Tenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The invitee's acceptance.
 *
 * @param token       the token of the invitation
 * @param displayName how they want to appear
 * @param password    the password of their new account; ignored when the email already has an account
 * @param locale      {@code fr} or {@code en}
 */
record AcceptInvitation(
        @NotBlank @Size(max = 512) String token,
        @NotBlank @Size(max = 80) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String displayName,
        @Size(min = 12, max = 128) String password,
        @NotNull Tenant.Locale locale) {
}
