package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerspectiveCropTest {

    /** Each pixel's B = x, G = y, R = x + y (mod 256): a crop's pixels say where they came from. */
    private static BgrImage coordinates(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                pixels[i] = (byte) x;
                pixels[i + 1] = (byte) y;
                pixels[i + 2] = (byte) (x + y);
            }
        }
        return new BgrImage(width, height, pixels);
    }

    @Test
    void anAxisAlignedBoxCropsExactlyItsPixels() {
        BgrImage image = coordinates(120, 80);
        BgrImage crop = PerspectiveCrop.crop(
                image, List.of(new Point(10, 20), new Point(50, 20), new Point(50, 35), new Point(10, 35)));
        assertEquals(40, crop.width());
        assertEquals(15, crop.height());
        assertEquals(10, crop.sample(0, 0, 0));
        assertEquals(20, crop.sample(0, 0, 1));
        assertEquals(49, crop.sample(39, 14, 0));
        assertEquals(34, crop.sample(39, 14, 1));
    }

    @Test
    void aTiltedBoxIsStraightenedAlongItsTopEdge() {
        BgrImage image = coordinates(200, 200);
        // a 40×10 box turned 90° clockwise about (100, 100): its top edge runs downward
        List<Point> box = List.of(new Point(105, 80), new Point(105, 120), new Point(95, 120), new Point(95, 80));
        BgrImage crop = PerspectiveCrop.crop(image, box);
        assertEquals(40, crop.width());
        assertEquals(10, crop.height());
        for (int x = 0; x < 40; x += 13) {
            assertEquals(105, crop.sample(x, 0, 0), "column " + x + " comes from image x 105");
            assertEquals(80 + x, crop.sample(x, 0, 1), "column " + x + " walks down the image");
        }
    }

    @Test
    void aTallCropIsTurnedAQuarterCounterClockwise() {
        BgrImage image = coordinates(100, 100);
        BgrImage crop = PerspectiveCrop.crop(
                image, List.of(new Point(10, 10), new Point(20, 10), new Point(20, 40), new Point(10, 40)));
        assertEquals(30, crop.width());
        assertEquals(10, crop.height());
        // np.rot90: the source's top-right pixel (19, 10) lands top-left, its bottom-left (10, 39) bottom-right
        assertEquals(19, crop.sample(0, 0, 0));
        assertEquals(10, crop.sample(0, 0, 1));
        assertEquals(10, crop.sample(29, 9, 0));
        assertEquals(39, crop.sample(29, 9, 1));
    }

    @Test
    void aMarginGrowsAHorizontalBoxAboveAndBelowByAFractionOfItsHeight() {
        List<Point> box = List.of(new Point(10, 20), new Point(50, 20), new Point(50, 40), new Point(10, 40));
        assertEquals(
                List.of(new Point(10, 15), new Point(50, 15), new Point(50, 45), new Point(10, 45)),
                PerspectiveCrop.withMargin(box, 0.25));
        BgrImage crop = PerspectiveCrop.crop(coordinates(120, 80), PerspectiveCrop.withMargin(box, 0.25));
        assertEquals(40, crop.width(), "the text's length is not padded");
        assertEquals(30, crop.height());
        assertEquals(15, crop.sample(0, 0, 1), "the crop starts 5 rows above the box");
        assertEquals(44, crop.sample(0, 29, 1), "and ends 5 rows below it");
    }

    @Test
    void aMarginFollowsATiltedBoxAcrossItsText() {
        // a 40×10 box whose long sides run straight down the image: its margin goes left and right
        List<Point> box = List.of(new Point(105, 80), new Point(105, 120), new Point(95, 120), new Point(95, 80));
        List<Point> grown = PerspectiveCrop.withMargin(box, 0.5);
        assertEquals(List.of(new Point(110, 80), new Point(110, 120), new Point(90, 120), new Point(90, 80)), grown);
    }

    @Test
    void aMarginWidensAVerticalColumnLeftAndRight() {
        List<Point> column = List.of(new Point(10, 10), new Point(22, 10), new Point(22, 40), new Point(10, 40));
        assertEquals(
                List.of(new Point(7, 10), new Point(25, 10), new Point(25, 40), new Point(7, 40)),
                PerspectiveCrop.withMargin(column, 0.25));
    }

    @Test
    void noMarginKeepsTheBox() {
        List<Point> box = List.of(new Point(10, 20), new Point(50, 20), new Point(50, 35), new Point(10, 35));
        assertEquals(box, PerspectiveCrop.withMargin(box, 0));
    }

    @Test
    void bicubicSamplingHitsPixelsExactlyAndFollowsALinearRampBetweenThem() {
        double[] atPixel = PerspectiveCrop.cubicWeights(0);
        assertEquals(0, atPixel[0], 1e-12);
        assertEquals(1, atPixel[1], 1e-12);
        assertEquals(0, atPixel[2], 1e-12);
        assertEquals(0, atPixel[3], 1e-12);
        // a box starting half a pixel in: B = x is linear, so the cubic kernel gives the half-way value (rounded)
        BgrImage crop = PerspectiveCrop.crop(
                coordinates(120, 80),
                List.of(new Point(10.5, 20), new Point(50.5, 20), new Point(50.5, 35), new Point(10.5, 35)));
        assertEquals(Math.round(10.5), crop.sample(0, 0, 0));
        assertEquals(Math.round(30.5), crop.sample(20, 0, 0));
    }
}
