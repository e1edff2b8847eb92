package io.cercle.identity.member;

import io.cercle.identity.tenant.Tenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A member's own profile, as they edit it (PUT replaces it whole).
 *
 * @param displayName how others see them
 * @param jobTitle    optional
 * @param bio         optional Markdown, stored raw and rendered through a sanitizer by readers
 * @param locale      {@code fr} or {@code en}: the language of their emails and notifications
 * @param expertise   what they can answer questions about (at most 30 tags)
 * @param interests   what they want to learn (at most 30 tags)
 */
record ProfileUpdate(
        @NotBlank @Size(max = 80) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String displayName,
        @Size(max = 100) @Pattern(regexp = "[^<>]*", message = "must not contain < or >") String jobTitle,
        @Size(max = 2000) String bio,
        @NotNull Tenant.Locale locale,
        @Size(max = 30) List<@NotNull @Pattern(regexp = Tags.PATTERN, message = "must be a tag of 1 to 40 letters, digits, spaces or + # . -") String> expertise,
        @Size(max = 30) List<@NotNull @Pattern(regexp = Tags.PATTERN, message = "must be a tag of 1 to 40 letters, digits, spaces or + # . -") String> interests) {
}
