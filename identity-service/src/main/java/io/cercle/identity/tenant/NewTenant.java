package io.cercle.identity.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A platform admin's request to create a tenant.
 *
 * @param alias         lower-case letters, digits and dashes; becomes the tenant id and never changes
 * @param name          display name
 * @param defaultLocale {@code fr} or {@code en}
 * @param domains       email domains of the organisation (e.g. {@code acme.com}); optional
 * @param joinPolicy    {@code INVITATION_ONLY} (default) or {@code OPEN_TO_DOMAINS}
 */
record NewTenant(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2 to 63 lower-case letters, digits or dashes") String alias,
        @NotBlank @Size(max = 120) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String name,
        @NotNull Tenant.Locale defaultLocale,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
                message = "must be a lower-case domain name such as acme.com") String> domains,
        Tenant.JoinPolicy joinPolicy) {

    NewTenant {
        domains = domains == null ? List.of() : List.copyOf(domains);
        joinPolicy = joinPolicy == null ? Tenant.JoinPolicy.INVITATION_ONLY : joinPolicy;
    }
}
