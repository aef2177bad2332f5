package io.montage.models.video;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A clip's scenes on one picture a moderator can take in at a glance: each scene's keyframe as a
 * tile, in order, {@value #COLUMNS} to a row, with the scene's start and end time under it.
 */
public final class ContactSheet {

    /** One scene on the sheet. */
    public record Tile(BufferedImage keyframe, long startPtsMicros, long endPtsMicros) {}

    public static final int COLUMNS = 4;
    public static final int TILE_WIDTH = 320;
    public static final int LABEL_HEIGHT = 28;

    private ContactSheet() {}

    /** Tiles are {@value #TILE_WIDTH} pixels wide and as high as the first keyframe's aspect makes them. */
    public static BufferedImage of(List<Tile> tiles) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one scene");
        }
        BufferedImage first = tiles.get(0).keyframe();
        int tileHeight = Math.max(1, Math.round((float) TILE_WIDTH * first.getHeight() / first.getWidth()));
        int columns = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet =
                new BufferedImage(columns * TILE_WIDTH, rows * (tileHeight + LABEL_HEIGHT), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, LABEL_HEIGHT * 2 / 3));
            for (int i = 0; i < tiles.size(); i++) {
                Tile tile = tiles.get(i);
                int x = i % COLUMNS * TILE_WIDTH;
                int y = i / COLUMNS * (tileHeight + LABEL_HEIGHT);
                g.drawImage(tile.keyframe(), x, y, TILE_WIDTH, tileHeight, null);
                g.setColor(Color.WHITE);
                g.drawString(
                        timeCode(tile.startPtsMicros()) + "–" + timeCode(tile.endPtsMicros()),
                        x + 6,
                        y + tileHeight + LABEL_HEIGHT * 3 / 4);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** m:ss.s, or h:mm:ss.s from an hour on. */
    static String timeCode(long micros) {
        long tenths = micros / 100_000;
        long seconds = tenths / 10;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        String rest = String.format(Locale.ROOT, "%02d.%d", seconds % 60, tenths % 10);
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%s", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%s", minutes, rest);
    }
}
