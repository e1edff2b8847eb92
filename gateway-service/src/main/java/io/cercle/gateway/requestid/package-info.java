/** The X-Request-Id every response carries and every service receives. */
package io.cercle.gateway.requestid;
