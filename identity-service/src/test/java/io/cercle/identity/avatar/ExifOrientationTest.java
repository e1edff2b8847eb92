package io.cercle.identity.avatar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a JPEG's EXIF orientation and turning the pixels upright (no Spring needed). */
class ExifOrientationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsTheOrientationOfAnExifSegment(int orientation) {
        assertThat(ExifOrientation.of(AvatarPictures.jpegWithExif(4, 2, orientation))).isEqualTo(orientation);
    }

    @Test
    void aJpegWithoutExifOrWithABrokenSegmentIsNormal() {
        assertThat(ExifOrientation.of(AvatarPictures.jpeg())).isEqualTo(ExifOrientation.NORMAL);
        byte[] truncated = Arrays.copyOf(AvatarPictures.jpegWithExif(4, 2, 6), 30);
        assertThat(ExifOrientation.of(truncated)).isEqualTo(ExifOrientation.NORMAL);
        byte[] lying = AvatarPictures.jpegWithExif(4, 2, 6);
        lying[4] = (byte) 0xFF; // the segment claims to run far beyond the file
        assertThat(ExifOrientation.of(lying)).isEqualTo(ExifOrientation.NORMAL);
    }

    @Test
    void eachOrientationPutsTheStoredTopLeftPixelWhereItIsSeen() {
        // 3 wide, 2 high; the stored top-left pixel is marked.
        var image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFFFFFF);
        int[][] seenAt = {null, null, {2, 0}, {2, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 2}, {0, 2}};
        for (int orientation = 2; orientation <= 8; orientation++) {
            var upright = ExifOrientation.apply(image, orientation);
            assertThat(upright.getWidth()).as("width, orientation %d", orientation).isEqualTo(orientation >= 5 ? 2 : 3);
            int x = seenAt[orientation][0];
            int y = seenAt[orientation][1];
            assertThat(upright.getRGB(x, y) & 0xFFFFFF).as("orientation %d", orientation).isEqualTo(0xFFFFFF);
        }
        assertThat(ExifOrientation.apply(image, 1)).isSameAs(image);
    }
}
