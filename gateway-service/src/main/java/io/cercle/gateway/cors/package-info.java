/** Cross-origin access for the browser origins named in cercle.gateway.cors.allowed-origins, and no other. */
package io.cercle.gateway.cors;
