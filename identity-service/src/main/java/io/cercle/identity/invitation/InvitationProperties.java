package io.cercle.identity.invitation;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Invitation settings ({@code cercle.invitations.*}).
 *
 * @param secret key that signs invitation tokens (at least 32 characters; set INVITATION_SECRET in a cluster)
 * @param ttl       how long an invitation can be accepted
 * @param acceptUrl the page of the web front end where invitees accept; the token is appended to it. Only http(s):
 *                  the link goes into emails, where any other scheme (javascript:, data:) would be a trap.
 */
@Validated
@ConfigurationProperties("cercle.invitations")
record InvitationProperties(String secret, @DefaultValue("P7D") Duration ttl,
                            @DefaultValue("http://localhost:8080/accept-invitation?token=")
                            @Pattern(regexp = "https?://[^\\s]+", message = "must be an http:// or https:// URL")
                            String acceptUrl) {
}
