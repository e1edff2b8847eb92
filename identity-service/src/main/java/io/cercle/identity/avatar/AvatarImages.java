package io.cercle.identity.avatar;

import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns an uploaded picture into the one we store: decoded, then encoded again from its pixels alone, so that
 * nothing of the upload but the picture survives — EXIF (GPS position, camera, dates), XMP, comments, ICC
 * profiles, PNG text chunks, and any payload hidden after the image data.
 * <p>
 * The size in pixels is read from the header first and checked against {@code cercle.avatars.max-width/height}:
 * a picture too large is refused before any pixel is decoded, so a decompression bomb (a small file claiming
 * billions of pixels) costs a header read. At most {@code max-concurrent-decodes} pictures are decoded at once.
 * <p>
 * PNG stays PNG (lossless) and JPEG stays JPEG (quality 0.9, EXIF orientation applied to the pixels). WebP, which
 * the JDK cannot write, becomes PNG when it has transparency and JPEG otherwise: a lossy photo stays about the size
 * it was instead of growing tenfold as PNG.
 */
@Component
class AvatarImages {

    private static final float JPEG_QUALITY = 0.9f;
    /** Long enough to ride out a burst, short enough to answer well within the gateway's timeout. */
    private static final long DECODE_WAIT_MILLIS = 1_000;

    private final AvatarProperties properties;
    private final Semaphore decoders;

    AvatarImages(AvatarProperties properties) {
        this.properties = properties;
        this.decoders = new Semaphore(properties.maxConcurrentDecodes(), true);
        // ImageIO finds plugins (the WebP reader) through the class loader of the thread that first uses it; in a
        // Boot jar that must be the application's, which is this one's.
        ImageIO.scanForPlugins();
    }

    /** What is stored: the format and the bytes written by our encoder. */
    record Encoded(ImageType type, byte[] bytes) {
    }

    /** Decodes {@code upload} as a picture of type {@code type} (detected from its signature) and re-encodes it. */
    Encoded reencode(byte[] upload, ImageType type) {
        var readers = ImageIO.getImageReadersByFormatName(type.formatName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            // Metadata ignored: the reader skips it rather than parse what we are about to drop.
            reader.setInput(input, true, true);
            int width = decoding(type, () -> reader.getWidth(0));
            int height = decoding(type, () -> reader.getHeight(0));
            if (width > properties.maxWidth() || height > properties.maxHeight()) {
                throw new InvalidRequestException(new FieldError("file", "is " + width + "×" + height
                        + " pixels; at most " + properties.maxWidth() + "×" + properties.maxHeight() + " are accepted"));
            }
            // The decoded pixels live until the new file is written: the whole of it counts as one decode.
            return withDecoder(() -> encode(decoding(type, () -> reader.read(0)), type, upload));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read an upload held in memory", e);
        } finally {
            reader.dispose();
        }
    }

    private interface Read<T> {
        T run() throws IOException;
    }

    /**
     * One step of the reader. Decoders fail on hostile input with anything from IIOException to
     * IndexOutOfBoundsException: all of them mean that the upload is not a picture we can read.
     */
    private static <T> T decoding(ImageType type, Read<T> step) {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(new FieldError("file", "could not be decoded as a " + type + " picture"));
        }
    }

    private static Encoded encode(BufferedImage image, ImageType type, byte[] upload) throws IOException {
        if (type == ImageType.JPEG) {
            image = ExifOrientation.apply(image, ExifOrientation.of(upload));
        }
        ImageType stored = switch (type) {
            case PNG -> ImageType.PNG;
            case JPEG -> ImageType.JPEG;
            case WEBP -> image.getColorModel().hasAlpha() ? ImageType.PNG : ImageType.JPEG;
        };
        return new Encoded(stored, stored == ImageType.JPEG ? jpeg(image) : png(image));
    }

    private Encoded withDecoder(Read<Encoded> work) throws IOException {
        boolean acquired;
        try {
            acquired = decoders.tryAcquire(DECODE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many pictures are being processed; retry in a moment");
        }
        try {
            return work.run();
        } finally {
            decoders.release();
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // Some decoded layouts (16-bit grey with alpha, say) have no PNG encoding here: fall back to plain ARGB.
        BufferedImage writable = writer.getOriginatingProvider().canEncodeImage(image) ? image
                : copy(image, BufferedImage.TYPE_INT_ARGB);
        return write(writer, writable, writer.getDefaultWriteParam());
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        int type = image.getType();
        // JPEG has no alpha and the JDK's writer takes only plain RGB or grey layouts.
        BufferedImage opaque = type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_BYTE_GRAY ? image : copy(image, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        return write(writer, opaque, param);
    }

    /**
     * Writes the pixels alone: no metadata is given, so the writer emits only what its format requires (a bare JFIF
     * header for JPEG). In memory: ImageIO's default would spool to temporary files.
     */
    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The pixels drawn onto a new image of {@code type}, transparent areas on white when it has no alpha. */
    private static BufferedImage copy(BufferedImage image, int type) {
        var copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        var graphics = copy.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, type == BufferedImage.TYPE_INT_ARGB ? null : Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        return copy;
    }
}
