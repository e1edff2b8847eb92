package io.cercle.platform.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Idempotency keys ({@code cercle.idempotency.*}).
 *
 * @param retention         how long a key and its stored answer are kept; a retry later than this runs again.
 *                          Clients retry within minutes: a day is ample (the clean-up job removes older keys)
 * @param inProgressTimeout how long a request may hold its key before a repeat may take it over: only a replica
 *                          that died mid-request leaves a key in progress that long, so keep it well above the
 *                          slowest creation (Keycloak calls included)
 * @param retryAfter        what a repeat that arrives while the first request still runs is told to wait
 * @param cleanupInterval   how often expired keys are removed (one replica at a time)
 */
@ConfigurationProperties("cercle.idempotency")
public record IdempotencyProperties(@DefaultValue("P1D") Duration retention,
                                    @DefaultValue("PT2M") Duration inProgressTimeout,
                                    @DefaultValue("1s") Duration retryAfter,
                                    @DefaultValue("PT1H") Duration cleanupInterval) {
}
