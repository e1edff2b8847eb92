/** Request size limits: bodies here (413), headers in the server settings (server.max-http-request-header-size). */
package io.cercle.gateway.limits;
