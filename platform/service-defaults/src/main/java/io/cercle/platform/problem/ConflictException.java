package io.cercle.platform.problem;

/** The request contradicts the current state (a used invitation, a taken alias…): answered 409 with this message. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
