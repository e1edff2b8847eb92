/**
 * Request size limits, answered with a problem before the token is checked: the request target (414), the headers
 * (431) and the body (413).
 */
package io.cercle.gateway.limits;
