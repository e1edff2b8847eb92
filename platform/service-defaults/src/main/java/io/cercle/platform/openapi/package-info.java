/** The OpenAPI description every service publishes at /v3/api-docs. */
package io.cercle.platform.openapi;
