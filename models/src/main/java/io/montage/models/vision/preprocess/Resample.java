package io.montage.models.vision.preprocess;

/**
 * Pillow's convolution filters, as {@code PIL.Image.resize} applies them (Pillow {@code libImaging/Resample.c}).
 * A preprocessor_config.json names them by Pillow's integer codes ({@code "resample": 3}).
 */
public enum Resample {
    /** PIL code 2; a triangle of support 1. */
    BILINEAR(2, 1.0),
    /** PIL code 3; Keys' cubic convolution with a = -0.5, support 2. */
    BICUBIC(3, 2.0),
    /** PIL code 1; sinc windowed by sinc(x/3), support 3. */
    LANCZOS(1, 3.0);

    /** Pillow's bicubic coefficient; OpenCV and Java2D use -0.75, which sharpens differently. */
    private static final double CUBIC_A = -0.5;

    private final int pilCode;
    private final double support;

    Resample(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** Half-width of the filter at scale 1; Pillow multiplies it by the scale factor when downsampling. */
    public double support() {
        return support;
    }

    public int pilCode() {
        return pilCode;
    }

    /** The filter's weight at distance {@code x} (in input pixels at scale 1). */
    public double weight(double x) {
        double d = Math.abs(x);
        return switch (this) {
            case BILINEAR -> d < 1.0 ? 1.0 - d : 0.0;
            case BICUBIC -> {
                if (d < 1.0) {
                    yield ((CUBIC_A + 2.0) * d - (CUBIC_A + 3.0)) * d * d + 1;
                }
                yield d < 2.0 ? (((d - 5) * d + 8) * d - 4) * CUBIC_A : 0.0;
            }
            case LANCZOS -> x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
        };
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }

    /** The filter a preprocessor_config.json {@code resample} code names. */
    public static Resample fromPilCode(int code) {
        for (Resample r : values()) {
            if (r.pilCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "resample code " + code + " is not supported; use 1 (LANCZOS), 2 (BILINEAR) or 3 (BICUBIC)"
                        + " — NEAREST (0), BOX (4) and HAMMING (5) are not used by any model Montage runs");
    }
}
