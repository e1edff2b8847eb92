package io.cercle.platform.security;

/** The token names no single tenant, so the caller cannot reach tenant data (answered 403). */
public class NoTenantException extends RuntimeException {

    public NoTenantException() {
        super("The access token does not name exactly one tenant (organization claim)");
    }
}
