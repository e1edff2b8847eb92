package io.cercle.platform.problem;

/**
 * A system this service depends on synchronously (Keycloak's Admin API, say) cannot serve the request now:
 * answered 503, and the caller may retry. Nothing was written.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
