package io.montage.models.vision.hash.bench;

import java.util.Map;

/**
 * What one hash scored on the set.
 *
 * @param truePairs          per change: distance from each changed picture to its own original
 * @param falsePairs         per change: distance from each changed picture to every other original
 *                           (what a query meets in a list of references that do not contain it)
 * @param distinctOriginals  distance between every two distinct originals
 */
public record Robustness(
        HashScheme<?> scheme,
        int pictures,
        Map<ReUpload, DistanceHistogram> truePairs,
        Map<ReUpload, DistanceHistogram> falsePairs,
        DistanceHistogram distinctOriginals) {

    public double recall(ReUpload change, int threshold) {
        return truePairs.get(change).fractionAtMost(threshold);
    }

    public double falseMatchRate(ReUpload change, int threshold) {
        return falsePairs.get(change).fractionAtMost(threshold);
    }

    public double recall(ReUpload change) {
        return recall(change, scheme.threshold());
    }

    public double falseMatchRate(ReUpload change) {
        return falseMatchRate(change, scheme.threshold());
    }

    /** Over all changes together. */
    public DistanceHistogram allFalsePairs() {
        DistanceHistogram all = new DistanceHistogram(scheme.bits());
        falsePairs.values().forEach(all::addAll);
        return all;
    }
}
