/**
 * The event backbone every service shares: events saved atomically with their aggregate
 * ({@link io.cercle.platform.messaging.OutboxDocument}, {@link io.cercle.platform.messaging.EventJournal}),
 * relayed with publisher confirms ({@link io.cercle.platform.messaging.OutboxRelay}), and consumed
 * idempotently ({@link io.cercle.platform.messaging.Inbox}).
 */
package io.cercle.platform.messaging;
