package io.montage.models.media;

import java.util.Locale;

/** Sizes, pixel counts and durations the way a person reading a rejection wants to see them. */
final class ReadableUnits {

    private ReadableUnits() {}

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes"); // "0.0 KB" would hide a 20-byte upload
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String megapixels(double pixels) {
        return String.format(Locale.ROOT, "%.1f MP", pixels / 1_000_000.0);
    }

    static String duration(long micros) {
        long seconds = micros / 1_000_000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", micros / 1_000_000.0);
        }
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d h %02d min %02d s", hours, minutes, seconds % 60)
                : String.format(Locale.ROOT, "%d min %02d s", minutes, seconds % 60);
    }
}
