package io.cercle.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method whose requests may carry an {@code Idempotency-Key} header (1–128 letters, digits or
 * {@code - _ . : ~ + / =}). For one caller (tenant and member of the verified token, or the member alone without a
 * tenant), one method and one path, the first request with a key runs; a repeat with the same key and the same
 * body gets the stored answer (status, Location, JSON body, header {@code Idempotent-Replayed: true}) without
 * running again; the same key with another body gets a 422 problem; a repeat while the first still runs gets a 409
 * problem with {@code Retry-After}. Only a 2xx answer uses a key up: any failure releases it, since a failed request
 * writes nothing, so its retry runs again. The header is documented in the operation's OpenAPI description.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

    /** The header's name. */
    String HEADER = "Idempotency-Key";

    /** Set on an answer that was stored by an earlier request with the same key, rather than produced now. */
    String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Whether a request without the header is refused (400 naming the header) rather than run as it is. */
    boolean required() default false;
}
