package io.montage.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU over an interval, from /proc/stat: how busy the cores were (this process
 * and every other), and how much time the hypervisor took away (steal). A ratio measured while the
 * machine was saturated by someone else says little; this says whether it was.
 */
final class MachineCpu {

    private final long[] start;

    MachineCpu() {
        start = read();
    }

    String report() {
        long[] end = read();
        if (start.length == 0 || end.length == 0) {
            return "machine CPU unknown (no /proc/stat)";
        }
        long user = end[0] - start[0] + end[1] - start[1];
        long system = end[2] - start[2] + end[5] - start[5] + end[6] - start[6];
        long idle = end[3] - start[3] + end[4] - start[4];
        long steal = end.length > 7 ? end[7] - start[7] : 0;
        double total = user + system + idle + steal;
        return String.format(
                Locale.ROOT,
                "machine CPU %.0f%% busy (user %.0f%%, system %.0f%%), steal %.0f%%",
                100 * (user + system) / total,
                100 * user / total,
                100 * system / total,
                100 * steal / total);
    }

    private static long[] read() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] values = new long[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                values[i - 1] = Long.parseLong(fields[i]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
