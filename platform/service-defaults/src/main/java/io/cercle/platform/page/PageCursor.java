package io.cercle.platform.page;

import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the next page of a list starts, as handed to clients: the list's name, the tenant it was issued in (null for
 * a platform-wide list) and the keyset position (the sort keys of the last item served). Clients see an opaque
 * string; its inside may change. Only {@link KeysetList} uses it.
 *
 * <p>The string is base64url of extended JSON, so that key types (dates, numbers, ids) survive the trip. It is not
 * signed: a client that forges one still reads only its own tenant, since every query is filtered by the tenant of
 * the token, and {@link #decode} accepts plain values only, so a forged key cannot smuggle a query operator in.
 */
record PageCursor(String list, String tenant, Map<String, Object> keys) {

    /** Longer than any cursor we issue (a few hundred characters); anything longer is refused before decoding. */
    static final int MAX_LENGTH = 1024;

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    PageCursor {
        keys = new LinkedHashMap<>(keys);
        keys.replaceAll((name, value) -> value instanceof Instant instant ? Date.from(instant) : value);
        keys.forEach(PageCursor::requirePlain);
        keys = Collections.unmodifiableMap(keys);
    }

    String encode() {
        var json = new Document("l", list);
        if (tenant != null) {
            json.append("t", tenant);
        }
        json.append("k", new Document(keys));
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.toJson(CANONICAL).getBytes(StandardCharsets.UTF_8));
        if (encoded.length() > MAX_LENGTH) {
            // decode would refuse it: a list whose keys are this long needs a shorter position, not a longer limit.
            throw new IllegalStateException("the cursor of " + list + " is longer than " + MAX_LENGTH);
        }
        return encoded;
    }

    /** @throws InvalidRequestException naming {@code cursor} if {@code value} is not a cursor we issued */
    static PageCursor decode(String value) {
        if (value.length() > MAX_LENGTH) {
            throw invalid("is not a cursor this service issued");
        }
        Document json;
        try {
            json = Document.parse(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
        } catch (RuntimeException notBase64OrNotJson) {
            throw invalid("is not a cursor this service issued");
        }
        if (json.keySet().stream().anyMatch(key -> !key.equals("l") && !key.equals("t") && !key.equals("k"))
                || !(json.get("l") instanceof String list)
                || !(json.get("t") == null || json.get("t") instanceof String)
                || !(json.get("k") instanceof Document keys) || keys.isEmpty()) {
            throw invalid("is not a cursor this service issued");
        }
        try {
            return new PageCursor(list, json.getString("t"), keys);
        } catch (IllegalArgumentException notAPlainValue) {
            throw invalid("is not a cursor this service issued");
        }
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(new FieldError("cursor", message));
    }

    private static void requirePlain(String name, Object value) {
        if (!(value instanceof String || value instanceof Date || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof ObjectId)) {
            throw new IllegalArgumentException("a cursor key holds plain values only: " + name);
        }
    }
}
