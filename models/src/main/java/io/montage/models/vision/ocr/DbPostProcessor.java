package io.montage.models.vision.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a DB probability map into text boxes in original-image pixels, following PaddleOCR's
 * {@code DBPostProcess.boxes_from_bitmap} (ppocr/postprocess/db_postprocess.py) and
 * {@code TextDetector.filter_tag_det_res} (tools/infer/predict_det.py): threshold, connected regions,
 * minimum-area rectangle, mean-probability score, unclip, rescale, clip, drop boxes of 3 px or less.
 *
 * <p>The geometry is written here rather than taken from OpenCV: JavaCV's OpenCV preset
 * ({@code org.bytedeco:opencv:4.14.0-1.5.14}) needs {@code org.bytedeco:openblas:0.3.34-1.5.14}, which
 * Maven Central does not serve to this project, and the handful of operations needed (regions, hull,
 * minimum rectangle, polygon mean) are small and testable on their own.
 */
final class DbPostProcessor {

    private final DbSettings settings;

    DbPostProcessor(DbSettings settings) {
        this.settings = settings;
    }

    List<TextBox> boxes(ProbabilityMap map, int imageWidth, int imageHeight) {
        boolean[] text = new boolean[map.values().length];
        float threshold = (float) settings.threshold();
        for (int i = 0; i < text.length; i++) {
            text[i] = map.values()[i] > threshold;
        }
        var boxes = new ArrayList<TextBox>();
        for (List<Point> region : ConnectedRegions.of(text, map.width(), map.height(), settings.maxCandidates())) {
            RotatedRectangle tight = RotatedRectangle.enclosing(region);
            if (tight.shortSide() < settings.minSize()) {
                continue;
            }
            double score = BoxScore.fast(map, tight.corners());
            if (score < settings.boxThreshold()) {
                continue;
            }
            RotatedRectangle grown = unclip(tight);
            if (grown.shortSide() < settings.minSize() + 2) {
                continue;
            }
            List<Point> corners = toImage(grown.corners(), map, imageWidth, imageHeight);
            if (corners != null) {
                boxes.add(new TextBox(corners, score));
            }
        }
        return boxes;
    }

    /**
     * DB shrinks text regions by D = A(1 − r²)/L when training; PaddleOCR grows them back with a pyclipper
     * round-join offset of area × unclip_ratio / perimeter. For a rectangle, the minimum rectangle around
     * that rounded offset is exactly the rectangle with each side pushed out by the same distance.
     */
    RotatedRectangle unclip(RotatedRectangle box) {
        double perimeter = box.perimeter();
        if (perimeter == 0) {
            return box;
        }
        return box.expandedBy(box.area() * settings.unclipRatio() / perimeter);
    }

    /** Scales, rounds and clips as boxes_from_bitmap does, then orders and clips as filter_tag_det_res does; null when too small. */
    private static List<Point> toImage(List<Point> mapCorners, ProbabilityMap map, int imageWidth, int imageHeight) {
        var scaled = new ArrayList<Point>(4);
        for (Point p : mapCorners) {
            double x = clip(Math.rint(p.x() / map.width() * imageWidth), imageWidth);
            double y = clip(Math.rint(p.y() / map.height() * imageHeight), imageHeight);
            scaled.add(new Point(Math.min((int) x, imageWidth - 1), Math.min((int) y, imageHeight - 1)));
        }
        List<Point> ordered = TextBox.clockwiseFromTopLeft(scaled);
        int width = (int) ordered.get(0).distanceTo(ordered.get(1));
        int height = (int) ordered.get(0).distanceTo(ordered.get(3));
        return width <= 3 || height <= 3 ? null : ordered;
    }

    private static double clip(double value, int limit) {
        return Math.max(0, Math.min(value, limit));
    }
}
