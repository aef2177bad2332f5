package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.montage.models.generation.FloatTensors;
import io.montage.models.runtime.ModelRuntime;
import java.util.Map;

/** Vision encoders declare dynamic channel/height/width axes, which defeat the generic warm-up: run one black image. */
final class VisionWarmUp {

    private VisionWarmUp() {}

    static ModelRuntime.WarmUp blackImage(String input, int height, int width) {
        return session -> {
            InputTensors.require(session, input, "a vision encoder");
            try (OnnxTensor pixels = FloatTensors.create(
                            session.environment(),
                            session.inputs().get(input).type(),
                            new float[3 * height * width],
                            new long[] {1, 3, height, width});
                    OrtSession.Result ignored = session.run(Map.of(input, pixels))) {
                // only the side effect of running matters
            }
        };
    }
}
