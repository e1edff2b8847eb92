/** Settings every service shares: probes, Prometheus, ECS logs, tracing, bus defaults. */
package io.cercle.platform.observability;
