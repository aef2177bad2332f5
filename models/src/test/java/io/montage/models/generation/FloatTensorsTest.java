package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import io.montage.models.runtime.TensorSpec;
import org.junit.jupiter.api.Test;

class FloatTensorsTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void halfPrecisionTensorsRoundTripThroughFloat32() throws Exception {
        float[] values = {0f, 1f, -2.5f, 0.333f, 65504f};
        try (var half = FloatTensors.create(ENV, OnnxJavaType.FLOAT16, values, new long[] {5})) {
            assertThat(half.getInfo().type).isEqualTo(OnnxJavaType.FLOAT16);
            float[] back = FloatTensors.read(half);
            for (int i = 0; i < values.length; i++) {
                assertThat(back[i]).isCloseTo(values[i], within(Math.abs(values[i]) * 1e-3f));
            }
        }
    }

    @Test
    void gatherRowsRepeatsAndReordersAlongTheBatchAxis() throws Exception {
        try (var source = FloatTensors.create(
                        ENV, OnnxJavaType.FLOAT, new float[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2});
                var gathered = FloatTensors.gatherRows(ENV, source, new int[] {2, 0, 0})) {
            assertThat(gathered.getInfo().getShape()).containsExactly(3, 2);
            assertThat(FloatTensors.read(gathered)).containsExactly(5, 6, 1, 2, 1, 2);
        }
    }

    @Test
    void stepOnePastShapesTakeTheBatchAndZeroForOtherDynamicAxes() {
        var spec = new TensorSpec("past_key_values.0.decoder.key", OnnxJavaType.FLOAT, new long[] {-1, 6, -1, 64});
        assertThat(KvLayout.emptyShape(spec, 3)).containsExactly(3, 6, 0, 64);
    }
}
