package io.cercle.identity.avatar;

import org.springframework.http.MediaType;

import java.util.Arrays;
import java.util.Optional;

/**
 * The picture formats an avatar may have, recognised by their leading bytes only: the declared content type and
 * the file name are whatever the client chose to send, so they decide nothing (a script renamed {@code .png} must
 * not be served back as an image).
 */
enum ImageType {

    PNG(MediaType.IMAGE_PNG, "png"),
    JPEG(MediaType.IMAGE_JPEG, "jpeg"),
    WEBP(MediaType.parseMediaType("image/webp"), "webp");

    /** Enough leading bytes to tell every supported format apart. */
    static final int SIGNATURE_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP_FORM = {'W', 'E', 'B', 'P'};

    private final MediaType mediaType;
    private final String formatName;

    ImageType(MediaType mediaType, String formatName) {
        this.mediaType = mediaType;
        this.formatName = formatName;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The ImageIO format name of its readers and writers. */
    String formatName() {
        return formatName;
    }

    /** The format {@code head} (the file's first bytes) starts with, if it is one we accept. */
    static Optional<ImageType> detect(byte[] head) {
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, JPEG_SIGNATURE)) {
            return Optional.of(JPEG);
        }
        // WebP is a RIFF container (like WAV and AVI): only the form type at offset 8 says it is WebP.
        if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP_FORM)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The stored content type back to its format; empty for anything this version does not know. */
    static Optional<ImageType> of(String contentType) {
        return Arrays.stream(values()).filter(type -> type.mediaType.toString().equals(contentType)).findFirst();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
