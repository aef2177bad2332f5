package io.montage.models.vision.hash.bench;

/** Counts of pairs at each distance 0..bits. */
public final class DistanceHistogram {

    private final long[] counts;
    private long total;

    DistanceHistogram(int bits) {
        this.counts = new long[bits + 1];
    }

    void add(int distance) {
        counts[distance]++;
        total++;
    }

    void addAll(DistanceHistogram other) {
        for (int d = 0; d < counts.length; d++) {
            counts[d] += other.counts[d];
        }
        total += other.total;
    }

    public long total() {
        return total;
    }

    public long atMost(int threshold) {
        long n = 0;
        for (int d = 0; d <= Math.min(threshold, counts.length - 1); d++) {
            n += counts[d];
        }
        return n;
    }

    public double fractionAtMost(int threshold) {
        return total == 0 ? Double.NaN : (double) atMost(threshold) / total;
    }

    /** The smallest distance with at least {@code q} of the pairs at or under it. */
    public int quantile(double q) {
        long wanted = (long) Math.ceil(q * total);
        long n = 0;
        for (int d = 0; d < counts.length; d++) {
            n += counts[d];
            if (n >= Math.max(1, wanted)) {
                return d;
            }
        }
        return counts.length - 1;
    }

    public int max() {
        for (int d = counts.length - 1; d >= 0; d--) {
            if (counts[d] > 0) {
                return d;
            }
        }
        return 0;
    }

    public long inRange(int from, int to) {
        long n = 0;
        for (int d = Math.max(0, from); d <= Math.min(to, counts.length - 1); d++) {
            n += counts[d];
        }
        return n;
    }
}
