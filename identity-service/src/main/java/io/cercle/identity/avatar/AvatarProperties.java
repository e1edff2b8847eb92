package io.cercle.identity.avatar;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Avatar settings ({@code cercle.avatars.*}).
 *
 * @param maxSize              the largest upload accepted; larger uploads are a 400 naming {@code file}
 * @param maxWidth             the widest picture accepted, in pixels, read from the picture's header before any
 *                             pixel is decoded (a 1 MB file can claim to be 50,000 × 50,000 pixels: gigabytes once
 *                             decoded); wider pictures are a 400 naming {@code file}
 * @param maxHeight            the same for the height
 * @param maxConcurrentDecodes how many uploads are decoded at once; a picture of the largest size takes up to
 *                             {@code 4 × maxWidth × maxHeight} bytes of heap while it is re-encoded (64 MB at
 *                             4096 × 4096), so this bounds what avatars can take of the heap. Uploads beyond it
 *                             wait a moment, then get a 503 to retry.
 */
@Validated
@ConfigurationProperties("cercle.avatars")
record AvatarProperties(@DefaultValue("1MB") DataSize maxSize,
                        @DefaultValue("4096") @Positive int maxWidth,
                        @DefaultValue("4096") @Positive int maxHeight,
                        @DefaultValue("2") @Positive int maxConcurrentDecodes) {
}
