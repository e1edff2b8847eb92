/**
 * The contract between Cercle's services: the {@link io.cercle.events.EventEnvelope envelope}, the
 * {@link io.cercle.events.EventTypes catalogue} of event types, gathered from one class per publishing service
 * ({@link io.cercle.events.identity.IdentityEvents}), their payload records (one package per publishing service)
 * and JSON Schemas under {@code io/cercle/events/schemas}. This module depends on nothing,
 * so that any consumer, in any framework, can read it.
 */
package io.cercle.events;
