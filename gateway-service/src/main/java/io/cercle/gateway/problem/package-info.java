/** RFC 9457 problem responses for everything the gateway answers by itself. */
package io.cercle.gateway.problem;
