package io.montage.models.search;

import java.util.SplittableRandom;

/**
 * Random vectors shaped like sentence embeddings rather than uniform noise, because the shape
 * decides how hard nearest-neighbour search is. Uniform noise on the sphere has no neighbours worth
 * the name (in 384 dimensions every pair is at cosine ≈ 0 ± 0.05), which is the worst case for HNSW
 * and unlike what Montage indexes. Sentence embeddings (MiniLM and the like) instead:
 *
 * <ul>
 *   <li>share a common direction, so unrelated texts still sit at a cosine of about 0.1;
 *   <li>cluster by topic (texts on one subject at 0.4 to 0.7), topics within broader domains;
 *   <li>spread unevenly over their dimensions: a few directions carry most of the variance.
 * </ul>
 *
 * This generator builds each vector as common direction + domain + topic + the text's own noise,
 * every random part drawn with a decaying per-dimension scale. Vector {@code i} depends only on the
 * seed and {@code i}, so a caller can draw the same vectors twice without holding them.
 */
public final class SentenceLikeVectors {

    private static final double COMMON = 0.35;
    private static final double DOMAIN = 0.6;
    private static final double TOPIC = 0.8;
    private static final double OWN = 0.75;

    private final int dimension;
    private final long seed;
    private final double[] scale;
    private final float[] common;
    private final float[][] domains;
    private final float[][] topics;

    public SentenceLikeVectors(int dimension, int topics, long seed) {
        this.dimension = dimension;
        this.seed = seed;
        this.scale = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            // Variance halves about every 32 dimensions' worth of rank, to an effective rank near 100 of 384.
            scale[j] = 1 / Math.sqrt(1 + j / 32.0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        this.common = direction(random);
        this.domains = new float[Math.max(1, topics / 100)][];
        for (int d = 0; d < domains.length; d++) {
            domains[d] = direction(random);
        }
        this.topics = new float[topics][];
        for (int t = 0; t < topics; t++) {
            float[] domain = domains[random.nextInt(domains.length)];
            float[] own = direction(random);
            float[] topic = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                topic[j] = (float) (DOMAIN * domain[j] + TOPIC * own[j]);
            }
            this.topics[t] = topic;
        }
    }

    public int dimension() {
        return dimension;
    }

    /** The {@code i}-th vector (not normalised; the indexes normalise). */
    public float[] vector(long i) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        float[] topic = topics[random.nextInt(topics.length)];
        float[] own = direction(random);
        float[] vector = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            vector[j] = (float) (COMMON * common[j] + topic[j] + OWN * own[j]);
        }
        return vector;
    }

    /** A random direction of unit length, stretched along the leading dimensions. */
    private float[] direction(SplittableRandom random) {
        float[] v = new float[dimension];
        double sumOfSquares = 0;
        for (int j = 0; j < dimension; j++) {
            double x = random.nextGaussian() * scale[j];
            v[j] = (float) x;
            sumOfSquares += x * x;
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        for (int j = 0; j < dimension; j++) {
            v[j] /= norm;
        }
        return v;
    }
}
