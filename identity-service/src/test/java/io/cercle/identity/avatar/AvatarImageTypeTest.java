package io.cercle.identity.avatar;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising a picture by its first bytes, whatever the client claims. */
class AvatarImageTypeTest {

    @Test
    void recognisesPngJpegAndWebpByTheirSignatures() {
        assertThat(ImageType.detect(AvatarPictures.png())).contains(ImageType.PNG);
        assertThat(ImageType.detect(AvatarPictures.jpeg())).contains(ImageType.JPEG);
        assertThat(ImageType.detect(AvatarPictures.webp())).contains(ImageType.WEBP);
    }

    @Test
    void rejectsTextOtherRiffFilesTruncatedSignaturesAndEmptyFiles() {
        assertThat(ImageType.detect(AvatarPictures.text())).isEmpty();
        assertThat(ImageType.detect(AvatarPictures.wav())).isEmpty();
        assertThat(ImageType.detect("RIFF\0\0\0\0WEB".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(ImageType.detect(new byte[]{(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
        assertThat(ImageType.detect(new byte[0])).isEmpty();
        // GIF and SVG are pictures too, but not ones avatars accept.
        assertThat(ImageType.detect("GIF89a......".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(ImageType.detect("<svg xmlns=''/>".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void theStoredContentTypeMapsBackToItsFormat() {
        for (ImageType type : ImageType.values()) {
            assertThat(ImageType.of(type.mediaType().toString())).contains(type);
        }
        assertThat(ImageType.of("text/html")).isEmpty();
    }
}
