package io.cercle.identity.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tenant admin's invitation of one person.
 *
 * @param email where the invitation goes; the invitee signs in with it
 * @param role  {@code member} (default) or {@code tenant_admin}
 */
record NewInvitation(
        @NotBlank @Size(max = 254) @Email @Pattern(regexp = "[^<>\\s]+@[^<>\\s]+\\.[^<>\\s]+", message = "must be an email address") String email,
        Invitation.Role role) {

    NewInvitation {
        role = role == null ? Invitation.Role.member : role;
    }
}
