package io.montage.models.speech.bench;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.GeneratedSequence;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decoder steps per second through the merged-decoder generation loop on the tiny random-weight Whisper, batch 1
 * vs 4 (greedy, KV cache, no end-of-sequence so every run takes the same number of steps). The tiny model
 * measures the loop's own overhead (feeds, cache hand-over, logits over the 51 865-id vocabulary), not Whisper's
 * arithmetic. Run:
 * <pre>
 * mvn -q -B -o -pl models test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.montage.models.speech.bench.WhisperDecoderBenchmark
 * </pre>
 * or with {@code java -cp} over the test classpath.
 */
public final class WhisperDecoderBenchmark {

    private static final int STEPS = 64;
    private static final long[] PROMPT = {50258, 50259, 50359, 50363};

    private WhisperDecoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ModelRuntime runtime = new ModelRuntime(RuntimeSettings.cpu().withThreads(threads, 1));
        try (ModelSession encoder = runtime.open("tiny/whisper/encoder", resource("/tiny/whisper/encoder_model.onnx"));
                ModelSession decoder = runtime.open(
                        "tiny/whisper/decoder",
                        resource("/tiny/whisper/decoder_model_merged.onnx"),
                        ModelRuntime.WarmUp.NONE)) {
            var generator = new EncoderDecoderGenerator(new MergedDecoder(decoder));
            GenerationConfig config = GenerationConfig.greedy(STEPS, -1);
            System.out.printf(
                    "tiny Whisper merged decoder, %d new tokens per sequence, intra-op threads %d%n", STEPS, threads);
            for (int batch : new int[] {1, 4}) {
                try (OnnxTensor states = encode(encoder, batch)) {
                    List<long[]> prompts = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        prompts.add(PROMPT.clone());
                    }
                    for (int warm = 0; warm < 3; warm++) {
                        generator.generate(states, prompts, config);
                    }
                    int runs = 10;
                    long start = System.nanoTime();
                    long tokens = 0;
                    for (int r = 0; r < runs; r++) {
                        for (GeneratedSequence s : generator.generate(states, prompts, config)) {
                            tokens += s.tokens().length;
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double steps = runs * (double) STEPS / seconds;
                    System.out.printf(
                            "batch %d: %.0f decoder steps/s, %.0f tokens/s, %.2f ms/step%n",
                            batch, steps, tokens / seconds, 1000 / steps);
                }
            }
        }
    }

    private static OnnxTensor encode(ModelSession encoder, int batch) throws Exception {
        float[] mels = new float[batch * 80 * 3000];
        var rng = new Random(batch);
        for (int i = 0; i < mels.length; i++) {
            mels[i] = (float) rng.nextGaussian();
        }
        try (var in = OnnxTensor.createTensor(
                        encoder.environment(), FloatBuffer.wrap(mels), new long[] {batch, 80, 3000});
                var out = encoder.run(Map.of("input_features", in))) {
            OnnxTensor hidden = (OnnxTensor) out.get(0);
            FloatBuffer copy = hidden.getFloatBuffer();
            return OnnxTensor.createTensor(
                    encoder.environment(), copy, hidden.getInfo().getShape());
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(WhisperDecoderBenchmark.class.getResource(name).toURI());
    }
}
