/**
 * Request rate limits per tenant and per member, from the verified token: shared in Redis when REDIS_HOST is set,
 * per replica in memory otherwise. A refused request gets 429 problem+json with Retry-After.
 */
package io.cercle.gateway.ratelimit;
