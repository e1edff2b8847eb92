package io.cercle.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Idempotent consumption's settings ({@code cercle.inbox.*}).
 *
 * @param retention how long a processed-event record is kept ({@link ProcessedEventRetention}); a redelivery later
 *                  than this is applied again, so it must outlast the broker's dead-letter retention
 */
@ConfigurationProperties("cercle.inbox")
public record InboxProperties(@DefaultValue("P14D") Duration retention) {
}
