package io.cercle.identity.avatar;

import java.awt.image.BufferedImage;

/**
 * The one piece of a JPEG's EXIF that survives re-encoding: its orientation, applied to the pixels. Phones store a
 * portrait photo as landscape pixels plus "rotate me" in EXIF; once the metadata is gone, the picture would be shown
 * lying on its side unless the rotation is made part of the pixels.
 * <p>
 * Reads only IFD0's Orientation tag (0x0112) of the first {@code Exif} APP1 segment, with every offset checked
 * against the segment's bounds: whatever else the segment holds (GPS position, camera, dates) is never read.
 */
final class ExifOrientation {

    /** Orientation 1: the pixels are shown as stored. */
    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The EXIF orientation (1 to 8) of a JPEG, or {@link #NORMAL} when it has none or it cannot be read. */
    static int of(byte[] jpeg) {
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return NORMAL;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image: no metadata beyond
                return NORMAL;
            }
            int length = u16(jpeg, i + 2, false);
            int end = i + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && length >= 8 && startsWithExif(jpeg, i + 4)) {
                return fromTiff(jpeg, i + 10, end);
            }
            i = end;
        }
        return NORMAL;
    }

    /** The pixels as they are meant to be seen; the same image when the orientation is normal or unknown. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5; // 5 to 8 swap width and height
        var out = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                // Where source pixel (x, y) lands once shown upright (EXIF 2.32, tag 0x0112).
                switch (orientation) {
                    case 2 -> out.setRGB(w - 1 - x, y, row[x]);
                    case 3 -> out.setRGB(w - 1 - x, h - 1 - y, row[x]);
                    case 4 -> out.setRGB(x, h - 1 - y, row[x]);
                    case 5 -> out.setRGB(y, x, row[x]);
                    case 6 -> out.setRGB(h - 1 - y, x, row[x]);
                    case 7 -> out.setRGB(h - 1 - y, w - 1 - x, row[x]);
                    default -> out.setRGB(y, w - 1 - x, row[x]); // 8
                }
            }
        }
        return out;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return NORMAL;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return NORMAL;
        }
        int p = (int) (tiff + ifd);
        int entries = u16(b, p, little);
        for (int k = 0; k < entries; k++) {
            int entry = p + 2 + 12 * k;
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                if (u16(b, entry + 2, little) != TYPE_SHORT) {
                    return NORMAL;
                }
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
