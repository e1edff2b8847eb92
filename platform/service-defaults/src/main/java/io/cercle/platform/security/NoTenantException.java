package io.cercle.platform.security;

/**
 * The token names no single tenant, so the caller cannot reach tenant data (answered 403). Someone in several
 * tenants chooses one when signing in: scope {@code organization:<alias>}.
 */
public class NoTenantException extends RuntimeException {

    /** What the 403 problem tells the caller to do. */
    public static final String HOW_TO_CHOOSE = "Sign in again asking for one tenant with the scope "
            + "'organization:<alias>' (GET /api/identity/me/tenants lists yours)";

    public NoTenantException() {
        super("The access token does not name exactly one tenant. " + HOW_TO_CHOOSE);
    }
}
