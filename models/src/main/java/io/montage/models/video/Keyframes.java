package io.montage.models.video;

import io.montage.models.media.ScaledToFit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Keyframes as small JPEGs: a scene record carries its keyframe inline, and the scene state keeps
 * the frames that may become keyframes, so both stay a few tens of kilobytes whatever the source
 * resolution.
 */
public final class Keyframes {

    /** Longest side of a keyframe: readable text on a 1080p frame stays readable at 640. */
    public static final int SIDE = 640;

    public static final String CONTENT_TYPE = "image/jpeg";

    private Keyframes() {}

    /** The picture scaled to fit {@value #SIDE} pixels a side, as a JPEG. */
    public static byte[] jpeg(BufferedImage picture) {
        return encoded(ScaledToFit.of(picture, SIDE));
    }

    /** The picture as it is, as a JPEG. */
    public static byte[] encoded(BufferedImage scaled) {
        BufferedImage rgb = scaled;
        if (scaled.getType() != BufferedImage.TYPE_INT_RGB && scaled.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            rgb = new BufferedImage(scaled.getWidth(), scaled.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(scaled, 0, 0, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(rgb, "jpeg", out)) {
                throw new IllegalStateException("this Java runtime has no JPEG writer (javax.imageio)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a keyframe in memory failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** A keyframe JPEG this class encoded, as a picture again. */
    public static BufferedImage decoded(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException("a keyframe Montage encoded does not decode: " + e.getMessage(), e);
        }
    }
}
