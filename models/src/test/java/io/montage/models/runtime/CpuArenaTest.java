package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code montage.onnx.cpu-arena=false} only changes where ONNX Runtime's CPU tensors live between
 * runs, never a result: the same model gives the same embeddings with its arena and without, run
 * after run with inputs of different sizes (the case where an arena keeps its largest blocks).
 */
class CpuArenaTest {

    @Test
    void withoutItsArenaAModelGivesTheSameResults() throws Exception {
        Path model = Path.of(
                CpuArenaTest.class.getResource("/tiny/clip/vision_model.onnx").toURI());
        ModelRuntime withArena = new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));
        ModelRuntime withoutArena =
                new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1).withCpuArena(false));
        assertThat(withoutArena.settings().cpuArena()).isFalse();
        try (ModelSession arena = withArena.open("tiny/clip-vision", model, ModelRuntime.WarmUp.NONE);
                ModelSession freed = withoutArena.open("tiny/clip-vision", model, ModelRuntime.WarmUp.NONE)) {
            for (int batch : new int[] {1, 3, 2}) {
                assertThat(embed(freed, batch)).isDeepEqualTo(embed(arena, batch));
            }
        }
    }

    private static float[][] embed(ModelSession session, int batch) throws Exception {
        float[] pixels = new float[batch * 3 * 224 * 224];
        Random random = new Random(batch);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() * 2 - 1;
        }
        try (OnnxTensor input = OnnxTensor.createTensor(
                        session.environment(), FloatBuffer.wrap(pixels), new long[] {batch, 3, 224, 224});
                var result = session.run(Map.of("pixel_values", input))) {
            return (float[][]) result.get(0).getValue();
        }
    }
}
