package io.montage.models.store;

import java.io.PrintStream;

/** A one-line download progress bar, redrawn at most every 200 ms. */
final class ProgressBar {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private long lastDraw;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(done);
    }

    void finish(long done) {
        draw(done);
        out.println();
    }

    private void draw(long done) {
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(1.0, done / (double) total));
            out.printf(
                    "\r%s [%s%s] %5.1f%% %,d / %,d bytes",
                    label, "#".repeat(filled), " ".repeat(WIDTH - filled), 100.0 * done / total, done, total);
        } else {
            out.printf("\r%s %,d bytes", label, done);
        }
        out.flush();
    }
}
