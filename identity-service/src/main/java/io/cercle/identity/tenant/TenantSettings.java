package io.cercle.identity.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A tenant's settings, as its admins edit them (PUT replaces them whole; the alias never changes).
 *
 * @param name          display name, signs emails and pages
 * @param defaultLocale {@code fr} or {@code en}, for members who chose none
 * @param domains       email domains of the organisation
 * @param joinPolicy    {@code INVITATION_ONLY} or {@code OPEN_TO_DOMAINS}
 */
record TenantSettings(
        @NotBlank @Size(max = 120) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String name,
        @NotNull Tenant.Locale defaultLocale,
        @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
                message = "must be a lower-case domain name such as acme.com") String> domains,
        @NotNull Tenant.JoinPolicy joinPolicy) {
}
