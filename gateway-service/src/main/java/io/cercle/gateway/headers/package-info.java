/** Browser security headers (nosniff, frame denial, referrer policy, CSP, no-store) on every response. */
package io.cercle.gateway.headers;
