package io.cercle.identity.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A platform admin's request to create a tenant.
 *
 * @param alias         lower-case letters, digits and dashes; becomes the tenant id and never changes
 * @param name          display name
 * @param defaultLocale {@code fr} or {@code en}
 */
record NewTenant(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2 to 63 lower-case letters, digits or dashes") String alias,
        @NotBlank @Size(max = 120) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String name,
        @NotNull Tenant.Locale defaultLocale) {
}
