package io.montage.models.vision.preprocess;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The committed sample images and the tensors models/tools/pixel_reference.py computed for them. */
public final class PixelFixtures {

    private PixelFixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = PixelFixtures.class.getResourceAsStream("/vision/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "test resource /vision/" + name + " is missing; run models/tools/pixel_reference.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoded by the production decoder, as the image stage will decode it. */
    public static BufferedImage image(String name) throws Exception {
        return new FfmpegImageDecoder(MediaLimits.defaults()).decode(bytes(name));
    }

    /** A raw float32 little-endian tensor. */
    public static float[] tensor(String name) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
