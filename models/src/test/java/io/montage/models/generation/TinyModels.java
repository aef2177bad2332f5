package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** The committed random-weight models of models/tools/make_tiny_models.py, with the real exports' I/O. */
final class TinyModels {

    static final ModelRuntime RUNTIME = new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));

    private TinyModels() {}

    static ModelSession open(String name) {
        try {
            return RUNTIME.open(
                    "tiny/" + name,
                    Path.of(TinyModels.class.getResource("/tiny/" + name).toURI()),
                    ModelRuntime.WarmUp.NONE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] gaussian(int n, long seed) {
        var rng = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        return values;
    }

    /** Encoder hidden states for {@code seeds.length} random log-mel inputs, one per seed. */
    static OnnxTensor whisperStates(ModelSession encoder, long... seeds) throws OrtException {
        int frame = 80 * 3000;
        float[] mels = new float[seeds.length * frame];
        for (int i = 0; i < seeds.length; i++) {
            System.arraycopy(gaussian(frame, seeds[i]), 0, mels, i * frame, frame);
        }
        return runEncoder(encoder, "input_features", mels, seeds.length, 80, 3000);
    }

    static OnnxTensor vitStates(ModelSession encoder, long... seeds) throws OrtException {
        int image = 3 * 224 * 224;
        float[] pixels = new float[seeds.length * image];
        for (int i = 0; i < seeds.length; i++) {
            System.arraycopy(gaussian(image, seeds[i]), 0, pixels, i * image, image);
        }
        return runEncoder(encoder, "pixel_values", pixels, seeds.length, 3, 224, 224);
    }

    private static OnnxTensor runEncoder(ModelSession encoder, String input, float[] values, long... shape)
            throws OrtException {
        try (var in = OnnxTensor.createTensor(encoder.environment(), FloatBuffer.wrap(values), shape);
                var result = encoder.run(Map.of(input, in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            // copy out of the result so the caller owns (and closes) a tensor that outlives it
            return OnnxTensor.createTensor(
                    encoder.environment(),
                    FloatBuffer.wrap(FloatTensors.read(out)),
                    out.getInfo().getShape());
        }
    }
}
