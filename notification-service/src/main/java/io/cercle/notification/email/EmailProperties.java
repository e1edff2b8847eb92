package io.cercle.notification.email;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this service sends email ({@code cercle.mail.*}); the SMTP server itself is Boot's {@code spring.mail.*}.
 *
 * @param from the sender of every email, an address or {@code Name <address>} ({@code MAIL_FROM}); checked at start
 */
@Validated
@ConfigurationProperties("cercle.mail")
public record EmailProperties(@NotBlank String from) {
}
