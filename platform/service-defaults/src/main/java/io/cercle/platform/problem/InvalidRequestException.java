package io.cercle.platform.problem;

import java.util.List;

/** Input that passed the shape checks but not a rule of the service: answered 400 naming the fields. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(FieldError... errors) {
        super("Invalid request");
        this.errors = List.of(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
