package io.montage.models.vision.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** Cuts a [batch, dim] float output into one array per item, copying out of native memory before the result closes. */
final class EmbeddingRows {

    private EmbeddingRows() {}

    static List<float[]> read(OrtSession.Result result, String output, int rows, String modelId) {
        OnnxTensor tensor = (OnnxTensor) result.get(output)
                .orElseThrow(
                        () -> new IllegalStateException("model '" + modelId + "' returned no '" + output + "' output"));
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 2 || shape[0] != rows) {
            throw new IllegalStateException("model '" + modelId + "': '" + output + "' has shape "
                    + java.util.Arrays.toString(shape) + ", expected [" + rows + ", dim]");
        }
        int dim = (int) shape[1];
        FloatBuffer values = tensor.getFloatBuffer();
        var out = new ArrayList<float[]>(rows);
        for (int r = 0; r < rows; r++) {
            float[] row = new float[dim];
            values.get(r * dim, row, 0, dim);
            out.add(row);
        }
        return out;
    }
}
