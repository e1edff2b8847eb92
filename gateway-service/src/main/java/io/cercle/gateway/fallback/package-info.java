/** Circuit breakers and timeouts towards the services, and the 503 problem a caller gets when one fails. */
package io.cercle.gateway.fallback;
