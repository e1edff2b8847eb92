package io.cercle.identity.invitation;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of pending invitations ends, newest first: the creation time and id of its last invitation. Clients
 * see an opaque string (the same shape as notification-service's delivery cursor); its inside may change.
 */
record InvitationCursor(Instant createdAt, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if {@code value} is not a cursor this service handed out */
    static InvitationCursor decode(String value) {
        String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        int separator = decoded.indexOf('|');
        if (separator < 1 || separator == decoded.length() - 1) {
            throw new IllegalArgumentException("not an invitation cursor");
        }
        return new InvitationCursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, separator))),
                decoded.substring(separator + 1));
    }

    /** Lets {@code ?cursor=} bind to a cursor; one that does not decode is a 400 naming {@code cursor}. */
    @Component
    static class FromString implements Converter<String, InvitationCursor> {
        @Override
        public InvitationCursor convert(String value) {
            return value.isBlank() ? null : decode(value.strip());
        }
    }
}
