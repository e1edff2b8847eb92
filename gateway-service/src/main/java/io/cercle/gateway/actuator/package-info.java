/**
 * No actuator answers on the API port: neither a service's, through a route, nor the gateway's own, which lives on
 * the management port (management.server.port).
 */
package io.cercle.gateway.actuator;
