package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbPostProcessorTest {

    private final DbPostProcessor post = new DbPostProcessor(DbSettings.paddleDefaults());

    private static ProbabilityMap mapWith(int width, int height, int x0, int y0, int x1, int y1, float inside) {
        float[] values = new float[width * height];
        Arrays.fill(values, 0.01f);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                values[y * width + x] = inside;
            }
        }
        return new ProbabilityMap(width, height, values);
    }

    @Test
    void aConfidentRegionBecomesOneUnclippedBoxInImagePixels() {
        // region 41×11 map pixels, centres 20..60 × 10..20: hull 40 × 10, unclip 40*10*1.5/100 = 6 per side
        List<TextBox> boxes = post.boxes(mapWith(100, 50, 20, 10, 60, 20, 0.9f), 200, 100);
        assertEquals(1, boxes.size());
        assertEquals(
                List.of(new Point(28, 8), new Point(132, 8), new Point(132, 52), new Point(28, 52)),
                boxes.get(0).corners());
        assertEquals(0.9, boxes.get(0).score(), 1e-6);
    }

    @Test
    void aRegionAboveThresholdButBelowBoxThresholdIsDropped() {
        assertEquals(List.of(), post.boxes(mapWith(100, 50, 20, 10, 60, 20, 0.5f), 100, 50));
    }

    @Test
    void aRegionThinnerThanMinSizeIsDropped() {
        assertEquals(List.of(), post.boxes(mapWith(100, 50, 20, 10, 60, 11, 0.9f), 100, 50));
    }

    @Test
    void separateRegionsGiveSeparateBoxes() {
        ProbabilityMap map = mapWith(100, 60, 10, 5, 80, 15, 0.9f);
        for (int y = 35; y <= 45; y++) {
            for (int x = 10; x <= 50; x++) {
                map.values()[y * 100 + x] = 0.9f;
            }
        }
        assertEquals(2, post.boxes(map, 100, 60).size());
    }

    @Test
    void detectorInputIsCappedAt960AndRoundedToMultiplesOf32() {
        assertEquals(new DetectionResize(640, 480), DetectionResize.of(640, 480, 960, DetectionLimitType.MAX));
        assertEquals(new DetectionResize(960, 544), DetectionResize.of(1920, 1080, 960, DetectionLimitType.MAX));
        assertEquals(new DetectionResize(96, 32), DetectionResize.of(100, 10, 960, DetectionLimitType.MAX));
    }
}
