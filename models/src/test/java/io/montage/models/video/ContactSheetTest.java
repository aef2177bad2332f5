package io.montage.models.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

    @Test
    void threeScenesMakeOneRowOfThreeTilesWithTheirColours() {
        List<ContactSheet.Tile> tiles = List.of(
                tile(Color.BLUE, 0, 3_500_000),
                tile(Color.RED, 3_500_000, 6_000_000),
                tile(Color.GREEN, 6_000_000, 9_000_000));

        BufferedImage sheet = ContactSheet.of(tiles);

        assertThat(sheet.getWidth()).isEqualTo(3 * ContactSheet.TILE_WIDTH);
        assertThat(sheet.getHeight()).isEqualTo(180 + ContactSheet.LABEL_HEIGHT);
        assertThat(new Color(sheet.getRGB(160, 90))).isEqualTo(Color.BLUE);
        assertThat(new Color(sheet.getRGB(480, 90))).isEqualTo(Color.RED);
        assertThat(new Color(sheet.getRGB(800, 90))).isEqualTo(Color.GREEN);
    }

    @Test
    void moreScenesThanColumnsWrapOntoFurtherRows() {
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tiles.add(tile(Color.GRAY, i * 1_000_000L, (i + 1) * 1_000_000L));
        }

        BufferedImage sheet = ContactSheet.of(tiles);

        assertThat(sheet.getWidth()).isEqualTo(ContactSheet.COLUMNS * ContactSheet.TILE_WIDTH);
        assertThat(sheet.getHeight()).isEqualTo(3 * (180 + ContactSheet.LABEL_HEIGHT));
    }

    @Test
    void timeCodesReadAsMinutesSecondsAndTenths() {
        assertThat(ContactSheet.timeCode(0)).isEqualTo("0:00.0");
        assertThat(ContactSheet.timeCode(3_520_000)).isEqualTo("0:03.5");
        assertThat(ContactSheet.timeCode(754_000_000)).isEqualTo("12:34.0");
        assertThat(ContactSheet.timeCode(3_725_300_000L)).isEqualTo("1:02:05.3");
    }

    private static ContactSheet.Tile tile(Color colour, long start, long end) {
        BufferedImage keyframe = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = keyframe.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        return new ContactSheet.Tile(keyframe, start, end);
    }
}
