package io.montage.models.vision.clip;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.batching.BatchTask;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import io.montage.models.text.BatchExecution;
import io.montage.models.vectors.UnitLength;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.PixelValues;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLIP's vision tower as a {@link BatchTask}: CLIP preprocessing on the caller's thread, one
 * {@code pixel_values} [B,3,224,224] call per batch, {@code image_embeds} rows L2-normalised on the
 * caller's thread.
 */
final class ClipImageTask implements BatchTask<BufferedImage, PixelValues, float[], float[]> {

    static final String PIXEL_VALUES = "pixel_values";
    static final String IMAGE_EMBEDS = "image_embeds";

    private final ModelSession session;
    private final ImagePreprocessor preprocessor;
    private final BatchExecution execution;

    ClipImageTask(ModelSession session, ImagePreprocessor preprocessor, BatchExecution execution) {
        this.session = session;
        this.preprocessor = preprocessor;
        this.execution = execution;
        requireVisionTower(session);
    }

    /** Checked before the warm-up too, so a wrong file fails with what it is rather than an ONNX Runtime feed error. */
    static void requireVisionTower(ModelSession session) {
        TensorSpec input = session.inputs().get(PIXEL_VALUES);
        if (input == null || !session.outputs().containsKey(IMAGE_EMBEDS)) {
            throw new IllegalArgumentException(
                    "model '" + session.modelId() + "' is not a CLIP vision tower: it needs input "
                            + PIXEL_VALUES + " and output " + IMAGE_EMBEDS + ", it has "
                            + session.inputs().keySet() + " -> "
                            + session.outputs().keySet() + "; use the export's vision_model*.onnx");
        }
        if (input.type() != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(
                    "model '" + session.modelId() + "': " + PIXEL_VALUES + " is " + input.type()
                            + "; only float32 pixel input is supported — use vision_model.onnx or vision_model_quantized.onnx, not _fp16");
        }
    }

    /** The dynamic channel/height/width axes defeat the generic warm-up; this runs one zero image. */
    static ModelRuntime.WarmUp warmUp(int height, int width) {
        return session -> {
            requireVisionTower(session);
            try (OnnxTensor pixels = OnnxTensor.createTensor(
                            session.environment(),
                            FloatBuffer.allocate(3 * height * width),
                            new long[] {1, 3, height, width});
                    OrtSession.Result ignored = session.run(Map.of(PIXEL_VALUES, pixels))) {
                // only the side effect of running matters
            }
        };
    }

    @Override
    public PixelValues prepare(BufferedImage image) {
        return preprocessor.preprocess(image);
    }

    @Override
    public List<float[]> run(List<PixelValues> batch) throws OrtException {
        if (execution == BatchExecution.PADDED || batch.size() == 1) {
            return runTogether(batch);
        }
        var embeddings = new ArrayList<float[]>(batch.size());
        for (PixelValues item : batch) {
            embeddings.add(runTogether(List.of(item)).get(0));
        }
        return embeddings;
    }

    private List<float[]> runTogether(List<PixelValues> batch) throws OrtException {
        PixelValues first = batch.get(0);
        int itemLength = first.length();
        FloatBuffer stacked = FloatBuffer.allocate(itemLength * batch.size());
        for (PixelValues item : batch) {
            if (item.length() != itemLength) {
                throw new IllegalStateException("images in one batch must share a tensor size; got " + item.height()
                        + "x" + item.width() + " and " + first.height() + "x" + first.width()
                        + " (the preprocessing must crop or resize to a fixed size)");
            }
            stacked.put(item.chw());
        }
        stacked.flip();
        long[] shape = {batch.size(), first.channels(), first.height(), first.width()};
        try (OnnxTensor pixels = OnnxTensor.createTensor(session.environment(), stacked, shape);
                OrtSession.Result result = session.run(Map.of(PIXEL_VALUES, pixels))) {
            return EmbeddingRows.read(result, IMAGE_EMBEDS, batch.size(), session.modelId());
        }
    }

    @Override
    public float[] finish(BufferedImage input, float[] raw) {
        return UnitLength.of(raw);
    }

    int dimension() {
        long[] shape = session.outputs().get(IMAGE_EMBEDS).shape();
        return (int) shape[shape.length - 1];
    }
}
