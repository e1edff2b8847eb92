/**
 * The one boundary between the content service's domain and the bus (docs/architecture.md, how to add a feature): it maps domain changes to
 * integration events and integration events to domain calls. Nothing else in the service touches the broker.
 */
package io.cercle.content.messaging;
