package io.montage.tests.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.batching.BatchTask;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RunParallelism;
import io.montage.models.text.BatchedTextEmbedder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's "GPU-shaped" model behind the text embedder interface, so it runs through the
 * text-embed stage exactly as a real embedder does: tests/src/test/resources/bench/flat-cost-64.onnx
 * (models/tools/make_flat_cost_model.py) costs about the same per call for 1 to 64 texts, as a GPU
 * does. Its "vector" is the model's 16 outputs for 16 numbers derived from the text; what matters
 * here is the time, not the meaning.
 */
final class FlatCostEmbedder extends BatchedTextEmbedder {

    static final String MODEL_ID = "bench-flat-cost-64";
    static final int WIDTH = 16;
    static final int MAX_ROWS = 64;

    private final ModelSession session;
    private final DynamicBatcher<String, float[]> batcher;

    FlatCostEmbedder(ModelRuntime runtime, Path onnx, BatchingConfig batching) {
        // One thread, one worker: the model keeps one core busy, standing in for the accelerator, and
        // leaves the other to the host's work (Kafka, Streams), as a GPU machine does.
        this.session = runtime.open(MODEL_ID, onnx, s -> run(s, List.of(new float[WIDTH])), RunParallelism.ACROSS_RUNS);
        this.batcher = DynamicBatcher.create(
                MODEL_ID,
                new BatchTask<String, float[], float[], float[]>() {
                    @Override
                    public float[] prepare(String text) {
                        return row(text);
                    }

                    @Override
                    public List<float[]> run(List<float[]> batch) throws Exception {
                        return FlatCostEmbedder.run(session, batch);
                    }

                    @Override
                    public float[] finish(String text, float[] raw) {
                        return raw;
                    }
                },
                batching.withMaxBatchSize(Math.min(MAX_ROWS, batching.maxBatchSize()))
                        .withWorkers(1),
                new SimpleMeterRegistry());
    }

    /** The model's input row for a text: 16 numbers of ±0.5 from its hash. */
    static float[] row(String text) {
        float[] row = new float[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            row[i] = (text.hashCode() >>> i & 1) == 0 ? -0.5f : 0.5f;
        }
        return row;
    }

    /** One call of the model on up to 64 rows. */
    static List<float[]> run(ModelSession session, List<float[]> rows) throws ai.onnxruntime.OrtException {
        float[] flat = new float[rows.size() * WIDTH];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * WIDTH, WIDTH);
        }
        try (OnnxTensor x = OnnxTensor.createTensor(
                        session.environment(), FloatBuffer.wrap(flat), new long[] {rows.size(), WIDTH});
                OrtSession.Result result = session.run(Map.of("x", x))) {
            float[][] y = (float[][]) result.get(0).getValue();
            List<float[]> out = new ArrayList<>(y.length);
            for (float[] row : y) {
                out.add(row);
            }
            return out;
        }
    }

    ModelSession session() {
        return session;
    }

    @Override
    protected DynamicBatcher<String, float[]> textBatcher() {
        return batcher;
    }

    @Override
    public int dimension() {
        return WIDTH;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public void close() {
        batcher.close();
        session.close();
    }
}
