package io.montage.models.vision.hash.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What a re-upload does to a picture: the eight changes a near-duplicate hash must survive. */
public enum ReUpload {
    /** Half the width and height, as a thumbnail or a messaging app's resize. */
    DOWNSCALE_50("downscale to 50 %") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            return scaled(in, 0.5, 0.5);
        }
    },
    /** Re-encoded as a JPEG of quality 30: heavy blocking and ringing. */
    JPEG_Q30("JPEG quality 30") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            return jpeg(in, 0.30f);
        }
    },
    /** 5 % of the width and of the height cut away, unevenly: 3 % left and top, 2 % right and bottom. */
    CROP_5("crop 5 %") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            int w = in.getWidth();
            int h = in.getHeight();
            return copy(in.getSubimage(w * 3 / 100, h * 3 / 100, w - w * 5 / 100, h - h * 5 / 100));
        }
    },
    /** A black frame adding 10 % to each side's length (5 % each edge), like a letterbox or a frame. */
    BORDER_10("border 10 %") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            int dx = in.getWidth() * 5 / 100;
            int dy = in.getHeight() * 5 / 100;
            BufferedImage out =
                    new BufferedImage(in.getWidth() + 2 * dx, in.getHeight() + 2 * dy, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setColor(Color.BLACK);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
                g.drawImage(in, dx, dy, null);
            } finally {
                g.dispose();
            }
            return out;
        }
    },
    /** Brighter (+20), more contrast (×1.2 about mid-grey) and a warm tint (red ×1.1, blue ×0.9). */
    COLOUR_SHIFT("brightness/contrast/colour") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            int w = in.getWidth();
            int h = in.getHeight();
            int[] pixels = in.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < pixels.length; i++) {
                int rgb = pixels[i];
                pixels[i] = (adjusted((rgb >> 16) & 0xFF, 1.1) << 16)
                        | (adjusted((rgb >> 8) & 0xFF, 1.0) << 8)
                        | adjusted(rgb & 0xFF, 0.9);
            }
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            out.setRGB(0, 0, w, h, pixels, 0, w);
            return out;
        }

        private int adjusted(int value, double tint) {
            return DistinctPictures.clamp((int) Math.round(((value - 128) * 1.2 + 128 + 20) * tint));
        }
    },
    /** Turned 2° about the centre, corners left black: a re-shot screen or a scanned print. */
    ROTATE_2("rotate 2°") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(
                        in,
                        AffineTransform.getRotateInstance(Math.toRadians(2), in.getWidth() / 2.0, in.getHeight() / 2.0),
                        null);
            } finally {
                g.dispose();
            }
            return out;
        }
    },
    /** Left–right mirror: matched only where a list asks for mirrored copies too. */
    MIRROR("horizontal mirror") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.drawImage(in, in.getWidth(), 0, -in.getWidth(), in.getHeight(), null);
            } finally {
                g.dispose();
            }
            return out;
        }
    },
    /** Shrunk to 70 % and re-encoded at JPEG quality 50, what most sharing sites do on upload. */
    RESIZE_RECOMPRESS("resize 70 % + JPEG 50") {
        @Override
        public BufferedImage apply(BufferedImage in) {
            return jpeg(scaled(in, 0.7, 0.7), 0.50f);
        }
    };

    private final String label;

    ReUpload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public abstract BufferedImage apply(BufferedImage in);

    /** Whether a match must be looked for among the dihedral variants (a mirror is not the same picture). */
    public boolean needsDihedral() {
        return this == MIRROR;
    }

    private static BufferedImage scaled(BufferedImage in, double sx, double sy) {
        int w = Math.max(1, (int) Math.round(in.getWidth() * sx));
        int h = Math.max(1, (int) Math.round(in.getHeight() * sy));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(in, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(in, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage jpeg(BufferedImage in, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(in, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
