package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

/** The {@code logits} output of one decoder step, [rows, positions, vocabulary], read as float32. */
final class StepLogits {

    private final float[] values;
    private final int positions;
    private final int vocabulary;

    private StepLogits(float[] values, int positions, int vocabulary) {
        this.values = values;
        this.positions = positions;
        this.vocabulary = vocabulary;
    }

    static StepLogits of(OrtSession.Result result) {
        OnnxTensor logits = (OnnxTensor) result.get(MergedDecoder.LOGITS)
                .orElseThrow(() -> new IllegalStateException("the decoder returned no 'logits'"));
        long[] shape = logits.getInfo().getShape();
        return new StepLogits(FloatTensors.read(logits), (int) shape[1], (int) shape[2]);
    }

    /** A fresh copy of one row's logits at {@code position} (negative: from the end). */
    float[] row(int row, int position) {
        int p = position < 0 ? positions + position : position;
        float[] out = new float[vocabulary];
        System.arraycopy(values, (row * positions + p) * vocabulary, out, 0, vocabulary);
        return out;
    }

    float[] last(int row) {
        return row(row, -1);
    }
}
