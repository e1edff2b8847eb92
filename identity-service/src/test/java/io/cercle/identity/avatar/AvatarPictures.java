package io.cercle.identity.avatar;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Mother of uploads: real PNG, JPEG and WebP pictures, JPEGs carrying EXIF (GPS position, orientation), pictures
 * too large in pixels, and things that only pretend to be pictures.
 */
final class AvatarPictures {

    /** What the EXIF segment built here says about the camera: must never come back from the service. */
    static final String CAMERA = "CercleCam Spy-9000";

    private AvatarPictures() {
    }

    static byte[] png() {
        return encode(picture(4, 4, false), "png");
    }

    /** A PNG of {@code width} × {@code height} pixels (a few hundred bytes: one colour compresses well). */
    static byte[] png(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png");
    }

    static byte[] jpeg() {
        return encode(picture(4, 4, false), "jpg");
    }

    /**
     * A lossless 1×1 WebP with transparency (the JDK cannot write WebP; these bytes are a complete picture that
     * ImageIO's WebP reader decodes).
     */
    static byte[] webp() {
        return new byte[]{'R', 'I', 'F', 'F', 0x1A, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
                0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88,
                (byte) 0xFE, 0x07, 0};
    }

    /** A lossy 6×4 WebP photo without transparency: left half blue (#3366CC), right half orange (#CC6633). */
    static byte[] lossyWebp() {
        // cwebp -q 80 -metadata none of the 6×4 picture described above.
        return Base64.getDecoder().decode("UklGRkwAAABXRUJQVlA4IEAAAADQAgCdASoGAAQAAUAmJagCdHIA+wCuAP0AywAD+y4AAP7SRz7z"
                + "jmQNLx/1i1MUv0wfd/hsf/6TZ6/8Nj8AwAAA");
    }

    static byte[] text() {
        return "<script>alert('not a picture')</script>".getBytes(StandardCharsets.UTF_8);
    }

    /** A RIFF file that is not WebP (a WAV header): the container alone must not pass. */
    static byte[] wav() {
        return new byte[]{'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '};
    }

    /**
     * A valid PNG of exactly {@code size} bytes: a small picture padded with a private ancillary chunk, which
     * decoders skip (and which must not survive re-encoding either).
     */
    static byte[] pngOfSize(int size) {
        byte[] png = png();
        int iend = png.length - 12;
        int padding = size - png.length - 12;
        if (padding < 0) {
            throw new IllegalArgumentException("A PNG cannot be as small as " + size + " bytes");
        }
        var out = new ByteArrayOutputStream(size);
        out.write(png, 0, iend);
        byte[] filler = new byte[padding];
        Arrays.fill(filler, (byte) 7);
        writeChunk(out, "prVt", filler);
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /**
     * A PNG whose header claims {@code width} × {@code height} pixels followed by a few bytes of nonsense instead
     * of the pixels: only a reader that trusts the header to refuse it never tries to decode them.
     */
    static byte[] pngHeaderClaiming(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        writeChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0).array());
        writeChunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 1, 2, 3, 4, 5, 6, 7, 8});
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A PNG signature and header followed by garbage: a picture by its first bytes, not by its content. */
    static byte[] brokenPng() {
        byte[] png = png();
        byte[] broken = Arrays.copyOf(png, png.length);
        for (int i = 33; i < broken.length; i++) {
            broken[i] = (byte) (i * 31);
        }
        return broken;
    }

    /**
     * A {@code width} × {@code height} JPEG (left half blue, right half orange) whose EXIF (APP1) segment holds a
     * camera name, a GPS position (48°51'29.6"N 2°17'40.2"E) and the given orientation.
     */
    static byte[] jpegWithExif(int width, int height, int orientation) {
        byte[] plain = encode(picture(width, height, false), "jpg");
        byte[] exif = exifSegment(orientation);
        var out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.writeBytes(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** The markers of a JPEG's segments before its image data (0xE0 for APP0, 0xE1 for APP1…). */
    static List<Integer> segmentMarkers(byte[] jpeg) {
        var markers = new ArrayList<Integer>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
        }
        return markers;
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Left half blue (#3366CC), right half orange (#CC6633), optionally with a transparent top row. */
    static BufferedImage picture(int width, int height, boolean transparentTopRow) {
        var image = new BufferedImage(width, height,
                transparentTopRow ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = x < width / 2 ? 0x3366CC : 0xCC6633;
                image.setRGB(x, y, transparentTopRow && y == 0 ? 0 : 0xFF000000 | rgb);
            }
        }
        return image;
    }

    private static byte[] exifSegment(int orientation) {
        // TIFF, big-endian. IFD0 at 8: Make, Orientation, GPS IFD pointer; then the GPS IFD; then the values.
        byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int gpsIfd = ifd0 + ifd0Size;
        int gpsSize = 2 + 4 * 12 + 4;
        int makeAt = gpsIfd + gpsSize;
        int latitudeAt = makeAt + make.length;
        int longitudeAt = latitudeAt + 24;
        var tiff = ByteBuffer.allocate(longitudeAt + 24);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 3);
        entry(tiff, 0x010F, 2, make.length, makeAt);                  // Make, ASCII
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1)   // Orientation, SHORT
                .putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, gpsIfd);                            // GPS IFD pointer, LONG
        tiff.putInt(0);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(tiff, 2, 5, 3, latitudeAt);                             // GPSLatitude, 3 RATIONAL
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        entry(tiff, 4, 5, 3, longitudeAt);                            // GPSLongitude, 3 RATIONAL
        tiff.putInt(0);
        tiff.put(make);
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(296).putInt(10);
        tiff.putInt(2).putInt(1).putInt(17).putInt(1).putInt(402).putInt(10);
        byte[] body = tiff.array();
        var segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int offset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] encode(BufferedImage image, String format) {
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
