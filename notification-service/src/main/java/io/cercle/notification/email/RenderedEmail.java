package io.cercle.notification.email;

/** An email ready to send: subject, plain-text body and HTML body, all in the recipient's language. */
public record RenderedEmail(String subject, String text, String html) {
}
