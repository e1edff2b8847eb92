/**
 * Towards the services: each route's timeout, a circuit breaker and an in-progress allowance per (route, tenant),
 * and the 503 problem a caller gets when one trips, logged and counted (cercle.gateway.fallbacks).
 */
package io.cercle.gateway.fallback;
