/**
 * Creations that are safe to retry: an endpoint marked {@link io.cercle.platform.idempotency.Idempotent} takes an
 * {@code Idempotency-Key} header; the first request with a key runs and its successful answer is stored, a repeat
 * by the same caller gets that answer again without running twice. Why: a gateway that times out a slow but
 * successful write answers 503 while the write still happens; the retry must then give the first result, not a
 * 409 (issue 8). How it works and what to configure: docs/operations.md, "Idempotency keys".
 */
package io.cercle.platform.idempotency;
