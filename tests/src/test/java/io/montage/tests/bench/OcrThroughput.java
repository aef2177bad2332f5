package io.montage.tests.bench;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import io.montage.models.vision.ocr.PaddleOcr;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * OCR time per image, the same images both ways: PaddleOcr called in-process on each decoded image,
 * and Montage on the embedded default (images produced to {@code images}, through the probe, every
 * OCR result read back with read_committed).
 */
final class OcrThroughput {

    /**
     * @param pipelineMillis       whole run ÷ images: from the first image produced to the last result read
     * @param steadyPipelineMillis between the first and the last result read ÷ (images − 1): the cost per
     *                             image once the pipeline is full, without its fill and final commit
     */
    record Result(int images, double inProcessMillis, double pipelineMillis, double steadyPipelineMillis) {
        double ratio() {
            return steadyPipelineMillis / inProcessMillis;
        }
    }

    private OcrThroughput() {}

    static Result measure(Path dir, int count, Map<String, String> settings) throws Exception {
        List<byte[]> images = BenchImages.oneLine(count);
        double inProcess = inProcess(images);
        Map<String, String> all = new HashMap<>(settings);
        all.put(MontageConfig.STAGES, "probe,ocr");
        double pipeline = Double.MAX_VALUE;
        double steady = Double.MAX_VALUE;
        try (RunningMontage montage = RunningMontage.start(dir.resolve("montage"), all);
                TopicTail<GenericRecord> ocr = new TopicTail<>(
                        montage.app.bootstrapServers(),
                        Map.of(),
                        List.of(montage.app.topics().ocr().name()),
                        new TimingsReader(montage.app.registryClient()));
                Backlog backlog = new Backlog(montage.app.bootstrapServers())) {
            OutputReader reader = new OutputReader(ocr);
            for (int pass = 0; pass < 3; pass++) { // the first pass warms the pipeline up
                long start = System.nanoTime();
                for (int i = 0; i < images.size(); i++) {
                    String id = "p" + pass + "-" + i;
                    backlog.send(
                            montage.app.topics().images(),
                            id,
                            ImageEvent.newBuilder()
                                    .setEventId(id)
                                    .setMedia(Media.newBuilder()
                                            .setInline(ByteBuffer.wrap(images.get(i)))
                                            .build())
                                    .build());
                }
                backlog.flush();
                long[] firstAndLast = {0, 0};
                int first = pass * count + 1;
                reader.readUntil((pass + 1) * count, output -> {
                    long now = System.nanoTime();
                    if (reader.seen() == first) {
                        firstAndLast[0] = now;
                    }
                    firstAndLast[1] = now;
                });
                if (pass > 0) {
                    pipeline = Math.min(pipeline, (firstAndLast[1] - start) / 1e6 / count);
                    steady = Math.min(steady, (firstAndLast[1] - firstAndLast[0]) / 1e6 / (count - 1));
                }
            }
        }
        return new Result(count, inProcess, pipeline, steady);
    }

    /** Decoding (as the stage decodes) and reading each image; the better of two passes after a warm-up. */
    private static double inProcess(List<byte[]> images) throws Exception {
        ModelStore store = ModelStore.builder()
                .cacheDirectory(RunningMontage.SHARED_MODEL_CACHE)
                .build();
        FfmpegImageDecoder decoder = new FfmpegImageDecoder(MediaLimits.defaults());
        try (PaddleOcr reader = PaddleOcr.builder()
                .files(store.pull(PaddleOcr.MODEL_ID))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build()) {
            reader.read(decoder.decode(images.get(0)));
            double best = Double.MAX_VALUE;
            for (int pass = 0; pass < 2; pass++) {
                long start = System.nanoTime();
                for (byte[] image : images) {
                    BufferedImage decoded = decoder.decode(image);
                    reader.read(decoded);
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e6 / images.size());
            }
            return best;
        }
    }
}
