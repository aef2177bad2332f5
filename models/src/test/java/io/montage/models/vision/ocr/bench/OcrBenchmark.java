package io.montage.models.vision.ocr.bench;

import io.montage.models.store.ModelFiles;
import io.montage.models.store.NpmHostedModels;
import io.montage.models.vision.ocr.ImageText;
import io.montage.models.vision.ocr.OcrSettings;
import io.montage.models.vision.ocr.PaddleOcr;
import io.montage.models.vision.ocr.RenderedText;
import io.montage.models.vision.ocr.RenderedText.Background;
import io.montage.models.vision.ocr.RenderedText.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * OCR throughput on this machine: 640×480 images with 5 lines of text each, one image at a time on one
 * thread, with the time split into detection (resize, normalise, DB model, post-processing), crops +
 * angle classifier, and recognition. Not a test; run by hand from the repo root:
 * <pre>
 * mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp "$(cat /tmp/cp)":models/target/classes:models/target/test-classes io.montage.models.vision.ocr.bench.OcrBenchmark
 * </pre>
 * Needs the pp-ocrv4 files in the user's model cache, or npm to pull them.
 */
public final class OcrBenchmark {

    private static final int IMAGES = 10;
    private static final int WARM_UP_ROUNDS = 1;
    private static final int ROUNDS = 3;

    private OcrBenchmark() {}

    public static void main(String[] args) {
        ModelFiles files = NpmHostedModels.pull(PaddleOcr.MODEL_ID).orElse(null);
        if (files == null) {
            System.out.println("skipped: " + NpmHostedModels.unavailableReason(PaddleOcr.MODEL_ID));
            return;
        }
        System.out.printf(
                "machine: %d cores available to the JVM, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<RenderedText> images = images();
        for (int batchSize : new int[] {6, 1}) {
            run(files, images, batchSize);
        }
    }

    private static void run(ModelFiles files, List<RenderedText> images, int recognizerBatchSize) {
        System.out.printf(
                "recognizer batch size %d%s:%n",
                recognizerBatchSize, recognizerBatchSize == 6 ? " (PaddleOCR's rec_batch_num)" : "");
        try (PaddleOcr ocr = PaddleOcr.builder()
                .files(files)
                .settings(OcrSettings.paddleDefaults().withRecognizerBatchSize(recognizerBatchSize))
                .build()) {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                images.forEach(image -> ocr.read(image.image()));
            }
            long detect = 0;
            long classify = 0;
            long recognize = 0;
            long lines = 0;
            long start = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                for (RenderedText image : images) {
                    ImageText result = ocr.read(image.image());
                    detect += result.timings().detectNanos();
                    classify += result.timings().classifyNanos();
                    recognize += result.timings().recognizeNanos();
                    lines += result.lines().size();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int count = ROUNDS * IMAGES;
            System.out.printf(
                    "OCR 640x480, 5 lines each: %.2f images/s (%.1f ms/image, %.1f lines/image found)%n",
                    count / seconds, 1000 * seconds / count, (double) lines / count);
            System.out.printf(
                    "  detection  %.1f ms/image (%.0f%%)%n",
                    detect / 1e6 / count, 100.0 * detect / (detect + classify + recognize));
            System.out.printf(
                    "  crop + cls %.1f ms/image (%.0f%%)%n",
                    classify / 1e6 / count, 100.0 * classify / (detect + classify + recognize));
            System.out.printf(
                    "  recognition %.1f ms/image (%.0f%%)%n",
                    recognize / 1e6 / count, 100.0 * recognize / (detect + classify + recognize));
        }
    }

    private static List<RenderedText> images() {
        var images = new ArrayList<RenderedText>();
        for (int i = 0; i < IMAGES; i++) {
            List<String> lines = List.of(
                    "Invoice " + (1000 + i * 37) + " due 2024/05/" + (10 + i),
                    "Kafka streams carry images",
                    "Total: $" + (i * 13 + 7) + ".99 (tax incl.)",
                    "Montage reads the text",
                    "Call 555-01" + (10 + i) + " today!");
            images.add(RenderedText.draw(
                    "bench-" + i,
                    640,
                    480,
                    lines,
                    new Style(
                            i % 2 == 0 ? "SansSerif" : "Serif",
                            28,
                            Background.values()[i % Background.values().length],
                            0),
                    i));
        }
        return images;
    }
}
