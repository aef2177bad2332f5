package io.montage.tests.bench;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.caption.VisionEncoderDecoderCaptioner;
import io.montage.models.vision.ocr.PaddleOcr;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.TopicTail;
import io.montage.topology.wiring.Stages;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.avro.generic.GenericRecord;

/**
 * OCR latency (produce to committed OCR result) for images paced below capacity: alone, and while
 * the caption stage, made slow, works through a backlog of its own on the same input topic (sent,
 * and cleared by OCR, before the paced images start). Each stage is its own application, so OCR's
 * p99 should not notice.
 */
final class OcrLatencyUnderBacklog {

    record Result(Histogram alone, Histogram withCaptionBacklog, int images, int backlog) {
        double p99Ratio() {
            return (double) withCaptionBacklog.getValueAtPercentile(99) / alone.getValueAtPercentile(99);
        }
    }

    private static final long SLOW_CAPTION_MILLIS_PER_IMAGE = 150;

    private OcrLatencyUnderBacklog() {}

    static Result measure(Path dir, int images, double perSecond, int backlog, Map<String, String> settings)
            throws Exception {
        ModelStore store = ModelStore.builder()
                .cacheDirectory(RunningMontage.SHARED_MODEL_CACHE)
                .build();
        ModelRuntime runtime = new ModelRuntime(RuntimeSettings.cpu());
        MediaResolver resolver = new MediaResolver(
                List.of(new FileBlobStore(dir.resolve("blobs"))),
                MediaLimits.defaults().maxBytes());
        ProbedImage probed = new ProbedImage(resolver, new FfmpegImageDecoder(MediaLimits.defaults()));
        ProbeStage probe = new ProbeStage(resolver, new FfmpegMediaProbe(MediaLimits.defaults()));
        List<byte[]> pictures = BenchImages.oneLine(images);
        try (PaddleOcr ocr = PaddleOcr.builder()
                        .files(store.pull(PaddleOcr.MODEL_ID))
                        .runtime(runtime)
                        .build();
                SlowCaptioner captioner = new SlowCaptioner(
                        VisionEncoderDecoderCaptioner.builder()
                                .files(TinyCaptionModels.vitGpt2(Files.createDirectories(dir.resolve("vit-gpt2"))))
                                .runtime(runtime)
                                .build(),
                        SLOW_CAPTION_MILLIS_PER_IMAGE)) {
            OcrStage ocrStage = new OcrStage(probed, ocr, new ModelRef(PaddleOcr.MODEL_ID, null, "cpu"));
            Stages alone = Stages.probeOnly(probe).withOcr(ocrStage);
            Stages both =
                    alone.withCaption(new CaptionStage(probed, captioner, new ModelRef("slow-caption", null, "cpu")));
            Histogram quiet = run(dir.resolve("alone"), alone, pictures, perSecond, 0, settings);
            Histogram busy = run(dir.resolve("busy"), both, pictures, perSecond, backlog, settings);
            return new Result(quiet, busy, images, backlog);
        }
    }

    private static Histogram run(
            Path dir, Stages stages, List<byte[]> pictures, double perSecond, int backlog, Map<String, String> settings)
            throws Exception {
        Histogram latency = new Histogram(600_000L, 3);
        try (RunningMontage montage = RunningMontage.start(dir, settings, stages);
                TopicTail<GenericRecord> results = new TopicTail<>(
                        montage.app.bootstrapServers(),
                        Map.of(),
                        List.of(montage.app.topics().ocr().name()),
                        new TimingsReader(montage.app.registryClient()));
                Backlog producer = new Backlog(montage.app.bootstrapServers())) {
            // Ten images through the stages first, so that neither run measures the JIT warming up.
            Map<String, Long> warm = new HashMap<>();
            for (int i = 0; i < Math.min(10, pictures.size()); i++) {
                send(producer, montage, "warm-" + i, pictures.get(i));
                warm.put("warm-" + i, System.nanoTime());
            }
            awaitIds(results, warm, new HashMap<>(), latency, Duration.ofMinutes(2));
            latency.reset();
            // The backlog: plain pictures that OCR reads at once (nothing to find) and the slowed caption
            // stage takes 150 ms each over. Measuring starts once OCR is through them, so what OCR
            // then waits for is the caption stage's backlog only, not its own.
            Map<String, Long> blanks = new HashMap<>();
            for (int i = 0; i < backlog; i++) {
                send(producer, montage, "blank-" + i, BenchImages.blank(i));
                blanks.put("blank-" + i, System.nanoTime());
            }
            awaitIds(results, blanks, new HashMap<>(), new Histogram(600_000L, 3), Duration.ofMinutes(2));
            Map<String, Long> sentAt = new HashMap<>();
            Map<String, Long> done = new HashMap<>();
            long interval = (long) (1e9 / perSecond);
            long next = System.nanoTime();
            for (int i = 0; i < pictures.size(); i++) {
                while (System.nanoTime() < next) {
                    poll(results, sentAt, done, latency);
                }
                String id = "img-" + i;
                sentAt.put(id, System.nanoTime());
                send(producer, montage, id, pictures.get(i));
                next += interval;
            }
            awaitIds(results, sentAt, done, latency, Duration.ofMinutes(2));
        }
        return latency;
    }

    private static void send(Backlog producer, RunningMontage montage, String id, byte[] png) {
        producer.send(
                montage.app.topics().images(),
                id,
                ImageEvent.newBuilder()
                        .setEventId(id)
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(png))
                                .build())
                        .build());
        producer.flush();
    }

    private static void awaitIds(
            TopicTail<GenericRecord> results,
            Map<String, Long> sentAt,
            Map<String, Long> done,
            Histogram latency,
            Duration timeout) {
        if (!results.pollUntil(
                () -> done.keySet().containsAll(sentAt.keySet()),
                timeout,
                r -> record(r.value(), sentAt, done, latency))) {
            throw new IllegalStateException("OCR results missing after " + timeout + " for "
                    + sentAt.keySet().stream()
                            .filter(id -> !done.containsKey(id))
                            .toList());
        }
    }

    private static void poll(
            TopicTail<GenericRecord> results, Map<String, Long> sentAt, Map<String, Long> done, Histogram latency) {
        results.poll(Duration.ofMillis(5), r -> record(r.value(), sentAt, done, latency));
    }

    private static void record(
            GenericRecord output, Map<String, Long> sentAt, Map<String, Long> done, Histogram latency) {
        String id = output.get("eventId").toString();
        Long sent = sentAt.get(id);
        if (sent != null && done.putIfAbsent(id, System.nanoTime()) == null) {
            latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - sent) / 1_000));
        }
    }
}
