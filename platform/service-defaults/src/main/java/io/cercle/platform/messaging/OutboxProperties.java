package io.cercle.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The outbox relay's settings ({@code cercle.outbox.*}).
 *
 * @param relayEnabled   whether this replica relays; off only to study a crash between write and relay
 * @param interval       how often the relay looks for waiting events besides being woken by a save
 * @param batchSize      documents read per collection and pass
 * @param confirmTimeout how long to wait for the broker's publisher confirm
 * @param lockAtMostFor  how long a dead replica can hold the relay lock
 */
@ConfigurationProperties("cercle.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
                               @DefaultValue("1s") Duration interval,
                               @DefaultValue("100") int batchSize,
                               @DefaultValue("10s") Duration confirmTimeout,
                               @DefaultValue("30s") Duration lockAtMostFor) {
}
