package io.cercle.identity.invitation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed invitation tokens: {@code base64url(<invitation id>.<expiry epoch s>).base64url(HMAC-SHA256)}. The
 * signature makes them unforgeable, the expiry is inside what is signed, and single use is the invitation's
 * status (checked and changed in one conditional update).
 */
class InvitationTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    InvitationTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("cercle.invitations.secret must be at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String issue(String invitationId, Instant expiresAt) {
        String payload = invitationId + "." + expiresAt.getEpochSecond();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The invitation id of a genuine, unexpired token. */
    Optional<String> verify(String token, Instant now) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(parts[1]))) {
                return Optional.empty();
            }
            int dot = payload.lastIndexOf('.');
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)));
            return now.isBefore(expiresAt) ? Optional.of(payload.substring(0, dot)) : Optional.empty();
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
