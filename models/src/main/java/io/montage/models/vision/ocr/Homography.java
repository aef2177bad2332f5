package io.montage.models.vision.ocr;

import java.util.List;

/** A projective map of the plane, solved from 4 point pairs (what cv2.getPerspectiveTransform computes). */
record Homography(double[] m) {

    /** The map taking {@code from.get(i)} to {@code to.get(i)}; fails when 3 of the points are collinear. */
    static Homography mapping(List<Point> from, List<Point> to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from.get(i).x();
            double y = from.get(i).y();
            double u = to.get(i).x();
            double v = to.get(i).y();
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v, v};
        }
        double[] h = solve(a);
        return new Homography(new double[] {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1});
    }

    Point apply(double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new Point((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w);
    }

    /** Gaussian elimination with partial pivoting on an augmented 8×9 system. */
    private static double[] solve(double[][] a) {
        int n = 8;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("degenerate quadrilateral: 3 of its corners are collinear");
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = a[row][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[row][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
