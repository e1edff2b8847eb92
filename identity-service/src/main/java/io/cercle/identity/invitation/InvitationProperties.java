package io.cercle.identity.invitation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Invitation settings ({@code cercle.invitations.*}).
 *
 * @param secret     key that signs invitation tokens (at least 32 characters; set INVITATION_SECRET in a cluster)
 * @param ttl        how long an invitation can be accepted
 * @param acceptUrl  the page of the web front end where invitees accept; the token is appended to it. Only http(s):
 *                   the link goes into emails, where any other scheme (javascript:, data:) would be a trap.
 * @param dailyLimit how many invitations one tenant may send per UTC day, one by one and in bulk together: a
 *                   tenant admin cannot turn Cercle into a mass mailer
 * @param bulk       CSV imports, run as background jobs
 */
@Validated
@ConfigurationProperties("cercle.invitations")
record InvitationProperties(String secret, @DefaultValue("P7D") Duration ttl,
                            @DefaultValue("http://localhost:8080/accept-invitation?token=")
                            @Pattern(regexp = "https?://[^\\s]+", message = "must be an http:// or https:// URL")
                            String acceptUrl,
                            @DefaultValue("500") @Min(1) int dailyLimit,
                            @DefaultValue @Valid Bulk bulk) {

    /**
     * @param maxLines     most lines one CSV may hold (a longer one gets 400)
     * @param chunkSize    lines a worker handles before it lets other tenants' jobs have a turn
     * @param lease        how long a claimed job is a worker's own; a worker that dies releases it by letting it
     *                     expire, and another one resumes the job where the last saved chunk ended
     * @param pollInterval how often a worker looks for a job nobody holds (new jobs wake it at once)
     * @param retention    how long a finished job's report stays readable
     */
    record Bulk(@DefaultValue("1000") @Min(1) @Max(10_000) int maxLines,
                @DefaultValue("100") @Min(1) int chunkSize,
                @DefaultValue("PT1M") Duration lease,
                @DefaultValue("PT5S") Duration pollInterval,
                @DefaultValue("P30D") Duration retention) {
    }
}
