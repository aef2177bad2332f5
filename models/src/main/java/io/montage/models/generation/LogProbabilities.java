package io.montage.models.generation;

/** Log-softmax and arg-max over one row of logits, in double precision for the sums. */
public final class LogProbabilities {

    private LogProbabilities() {}

    /** log Σ exp(logits); -∞ when every logit is -∞. */
    public static double logSumExp(float[] logits, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, logits[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(logits[i] - max);
        }
        return max + Math.log(sum);
    }

    /** log-softmax over the whole row, as a new array. */
    public static float[] logSoftmax(float[] logits) {
        double norm = logSumExp(logits, 0, logits.length);
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) (logits[i] - norm);
        }
        return out;
    }

    /** Index of the largest value; the lowest index on ties, so results do not depend on batch composition. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
