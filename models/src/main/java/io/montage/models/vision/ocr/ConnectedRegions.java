package io.montage.models.vision.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 8-connected regions of a binary map, each reduced to the left-most and right-most pixel of each
 * of its rows. Those points have the same convex hull (hence the same minimum-area rectangle) as the
 * outer contour {@code cv2.findContours} traces in PaddleOCR's DB post-processing, and are found in one
 * labelling pass. Holes are not reported: in a DB map they sit inside a text region, and the region's
 * own box already covers them.
 */
final class ConnectedRegions {

    private ConnectedRegions() {}

    /** At most {@code limit} regions, in scan order of their first pixel, as pixel-centre points. */
    static List<List<Point>> of(boolean[] mask, int width, int height, int limit) {
        int[] label = new int[mask.length];
        int[] stack = new int[mask.length];
        var regions = new ArrayList<List<Point>>();
        int next = 0;
        for (int start = 0; start < mask.length && regions.size() < limit; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            next++;
            regions.add(flood(mask, width, height, label, stack, start, next));
        }
        return regions;
    }

    private static List<Point> flood(
            boolean[] mask, int width, int height, int[] label, int[] stack, int start, int id) {
        int top = start / width;
        int bottom = top;
        int[] rowMin = new int[height];
        int[] rowMax = new int[height];
        Arrays.fill(rowMin, Integer.MAX_VALUE);
        Arrays.fill(rowMax, Integer.MIN_VALUE);
        int size = 0;
        stack[size++] = start;
        label[start] = id;
        while (size > 0) {
            int index = stack[--size];
            int x = index % width;
            int y = index / width;
            rowMin[y] = Math.min(rowMin[y], x);
            rowMax[y] = Math.max(rowMax[y], x);
            bottom = Math.max(bottom, y);
            for (int dy = -1; dy <= 1; dy++) {
                int ny = y + dy;
                if (ny < 0 || ny >= height) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    if (nx < 0 || nx >= width) {
                        continue;
                    }
                    int neighbour = ny * width + nx;
                    if (mask[neighbour] && label[neighbour] == 0) {
                        label[neighbour] = id;
                        stack[size++] = neighbour;
                    }
                }
            }
        }
        var extremes = new ArrayList<Point>();
        for (int y = top; y <= bottom; y++) {
            if (rowMin[y] != Integer.MAX_VALUE) {
                extremes.add(new Point(rowMin[y], y));
                if (rowMax[y] != rowMin[y]) {
                    extremes.add(new Point(rowMax[y], y));
                }
            }
        }
        return extremes;
    }
}
