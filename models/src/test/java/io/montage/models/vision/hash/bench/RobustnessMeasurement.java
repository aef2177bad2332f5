package io.montage.models.vision.hash.bench;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Hashes {@code count} distinct pictures and the eight re-uploads of each with every scheme, then
 * counts true pairs (a re-upload against its own original) and false pairs (against every other
 * original). Pictures are made, changed and hashed one at a time, so memory does not grow with the
 * set; the work is spread over the common fork-join pool, and results do not depend on its order.
 */
public final class RobustnessMeasurement {

    private RobustnessMeasurement() {}

    /** Pictures {@code first .. first + count - 1} of {@link DistinctPictures}. */
    public static List<Robustness> measure(List<HashScheme<?>> schemes, int first, int count, long seed) {
        ReUpload[] changes = ReUpload.values();
        Object[][] originals = new Object[schemes.size()][count];
        Object[][][] queries = new Object[schemes.size()][changes.length][count];
        IntStream.range(0, count).parallel().forEach(i -> {
            BufferedImage picture = DistinctPictures.picture(first + i, seed);
            for (int s = 0; s < schemes.size(); s++) {
                originals[s][i] = schemes.get(s).hash().apply(picture);
            }
            for (int c = 0; c < changes.length; c++) {
                BufferedImage changed = changes[c].apply(picture);
                for (int s = 0; s < schemes.size(); s++) {
                    queries[s][c][i] = schemes.get(s).hash().apply(changed);
                }
            }
        });
        List<Robustness> results = new ArrayList<>();
        for (int s = 0; s < schemes.size(); s++) {
            results.add(tally(schemes.get(s), count, originals[s], queries[s]));
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static <H> Robustness tally(HashScheme<H> scheme, int count, Object[] originals, Object[][] queries) {
        Map<ReUpload, DistanceHistogram> truePairs = new EnumMap<>(ReUpload.class);
        Map<ReUpload, DistanceHistogram> falsePairs = new EnumMap<>(ReUpload.class);
        for (ReUpload change : ReUpload.values()) {
            DistanceHistogram same = new DistanceHistogram(scheme.bits());
            DistanceHistogram other = new DistanceHistogram(scheme.bits());
            Object[] changed = queries[change.ordinal()];
            for (int j = 0; j < count; j++) {
                H query = (H) changed[j];
                for (int i = 0; i < count; i++) {
                    int d = scheme.distance().applyAsInt(query, (H) originals[i]);
                    (i == j ? same : other).add(d);
                }
            }
            truePairs.put(change, same);
            falsePairs.put(change, other);
        }
        DistanceHistogram distinct = new DistanceHistogram(scheme.bits());
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                distinct.add(scheme.distance().applyAsInt((H) originals[j], (H) originals[i]));
            }
        }
        return new Robustness(scheme, count, truePairs, falsePairs, distinct);
    }
}
