package io.cercle.identity.tenant;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Tenant settings ({@code cercle.tenants.*}).
 *
 * @param publicMailDomains public mail domains added to the built-in list ({@code public-mail-domains.txt} beside
 *                          {@link PublicMailDomains}): a domain ({@code example-mail.com}) or a brand under any
 *                          top-level domain ({@code examplemail.*}). No tenant can claim them. The service does not
 *                          start with an entry of another shape, so a typo cannot silently allow a domain.
 */
@Validated
@ConfigurationProperties("cercle.tenants")
record TenantProperties(@DefaultValue List<@Pattern(regexp = PublicMailDomains.ENTRY,
        message = "must be a lower-case domain (mail.example) or a brand followed by .* (examplemail.*)")
        String> publicMailDomains) {
}
