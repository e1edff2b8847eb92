package io.cercle.platform.problem;

/** One rejected input field of a request, as listed in a problem's {@code errors} property. */
public record FieldError(String field, String message) {
}
