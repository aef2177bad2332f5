package io.montage.models.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A picture scaled down, keeping its aspect, so that neither side exceeds a limit. */
public final class ScaledToFit {

    private ScaledToFit() {}

    /** The picture itself when it already fits; otherwise a bilinear copy whose longer side is {@code side}. */
    public static BufferedImage of(BufferedImage picture, int side) {
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        if (longer <= side) {
            return picture;
        }
        double scale = (double) side / longer;
        int width = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }
}
