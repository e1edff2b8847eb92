package io.cercle.platform.problem;

/**
 * The object does not exist for the caller, which includes existing in another tenant: both answer 404,
 * so that nobody learns what other tenants hold.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " " + id + " was not found");
    }

    /** @param detail the problem's detail, when "X was not found" would not tell the caller what to do */
    public NotFoundException(String detail) {
        super(detail);
    }
}
