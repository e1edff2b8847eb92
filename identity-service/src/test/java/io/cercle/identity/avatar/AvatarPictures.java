package io.cercle.identity.avatar;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Mother of uploads: real PNG and JPEG pictures, a minimal WebP, and things that only pretend to be pictures. */
final class AvatarPictures {

    private AvatarPictures() {
    }

    static byte[] png() {
        return encode("png");
    }

    static byte[] jpeg() {
        return encode("jpg");
    }

    /** The start of a lossless WebP (the JDK cannot write WebP; detection only reads the RIFF/WEBP signature). */
    static byte[] webp() {
        return new byte[]{'R', 'I', 'F', 'F', 0x1A, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
                0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88,
                (byte) 0xFE, 0x07, 0};
    }

    static byte[] text() {
        return "<script>alert('not a picture')</script>".getBytes(StandardCharsets.UTF_8);
    }

    /** A RIFF file that is not WebP (a WAV header): the container alone must not pass. */
    static byte[] wav() {
        return new byte[]{'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '};
    }

    /** A file of exactly {@code size} bytes that starts like a PNG. */
    static byte[] pngOfSize(int size) {
        byte[] png = png();
        byte[] bytes = Arrays.copyOf(png, size);
        Arrays.fill(bytes, Math.min(png.length, size), size, (byte) 7);
        return bytes;
    }

    private static byte[] encode(String format) {
        var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 2, 0x3366CC);
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
