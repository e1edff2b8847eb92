package io.cercle.platform.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a newest-first list ends: the creation time and id of its last item. Clients see an opaque
 * string; its inside may change. A controller takes it as {@code @RequestParam(required = false) NewestFirstCursor
 * cursor}: one that does not decode is a 400 naming {@code cursor} ({@link PageAutoConfiguration}).
 */
public record NewestFirstCursor(Instant createdAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if {@code value} is not a cursor this service handed out */
    public static NewestFirstCursor decode(String value) {
        String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        int separator = decoded.indexOf('|');
        if (separator < 1 || separator == decoded.length() - 1) {
            throw new IllegalArgumentException("not a cursor of this list");
        }
        return new NewestFirstCursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, separator))),
                decoded.substring(separator + 1));
    }
}
