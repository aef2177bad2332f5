package io.montage.tests.bench;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import io.montage.models.video.ClosedScene;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.Keyframes;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.SceneTracker;
import io.montage.models.video.StreamScenes;
import io.montage.models.vision.ocr.PaddleOcr;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.probe.ProbeInput;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.StageRejection;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.tests.RunningMontage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The work Montage does for each live frame, called directly on one thread, no Kafka: the probe
 * ({@link ProbeStage}), where the ocr stage reads every frame (montage.vision.live-frames) the OCR
 * stage on every frame ({@link OcrStage}), and the scene stage's work (decode,
 * colour histogram, keyframe JPEG, {@link SceneTracker}), with PP-OCRv4 reading each closed scene's
 * keyframe as the scene stage does. What Kafka adds on top: serdes, the stream state written to its
 * changelog after every frame, transactions.
 */
final class InProcessScenes implements AutoCloseable {

    /**
     * @param cpuMillisPerFrame this process's CPU time ÷ frames (ONNX Runtime's own threads included)
     */
    record Result(int frames, int scenes, double framesPerSecond, double cpuMillisPerFrame) {}

    private static final ModelRef OCR_MODEL = new ModelRef(PaddleOcr.MODEL_ID, null, "cpu");

    private final ProbeStage probe;
    private final ProbedImage images;
    private final Optional<PaddleOcr> reader;
    private final Optional<OcrStage> ocrStage;
    private final SceneTracker tracker =
            new SceneTracker(SceneSettings.defaults().rules());

    /**
     * With {@code ocr}, PP-OCRv4 from the shared model cache (fetched there first where absent) reads
     * each keyframe, and with {@code everyFrame} every frame too.
     */
    InProcessScenes(boolean ocr, boolean everyFrame) throws ModelUnavailableException {
        MediaResolver resolver = new MediaResolver(List.of(), Long.MAX_VALUE);
        MediaLimits limits = MediaLimits.defaults();
        probe = new ProbeStage(resolver, new FfmpegMediaProbe(limits));
        images = new ProbedImage(resolver, new FfmpegImageDecoder(limits));
        reader = ocr
                ? Optional.of(PaddleOcr.builder()
                        .files(ModelStore.builder()
                                .cacheDirectory(RunningMontage.SHARED_MODEL_CACHE)
                                .build()
                                .pull(PaddleOcr.MODEL_ID))
                        .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                        .build())
                : Optional.empty();
        ocrStage = reader.filter(r -> everyFrame).map(r -> new OcrStage(images, r, OCR_MODEL));
    }

    /** {@code count} frames of one stream, after a warm-up stream of 30 frames (JIT, model sessions). */
    Result measure(LiveStreamFrames frames, String streamId, int count) throws StageRejection, IOException {
        run(frames, streamId + "-warm-up", 30);
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        int scenes = run(frames, streamId, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, scenes, count / seconds, (ProcessCpu.nanos() - cpu) / 1e6 / count);
    }

    /** Every frame of a stream through the stages' work; returns the scenes closed by a cut. */
    private int run(LiveStreamFrames frames, String streamId, int count) throws StageRejection, IOException {
        StreamScenes state = StreamScenes.start(streamId);
        int scenes = 0;
        for (int index = 0; index < count; index++) {
            VideoFrameEvent event = frames.frame(streamId, index);
            ProbeResult probed = probe.process(ProbeInput.of(event), context(index));
            if (ocrStage.isPresent()) {
                ocrStage.get().process(probed, context(index));
            }
            BufferedImage picture = images.decode(probed);
            SceneFrame frame = new SceneFrame(
                    event.getFrame().getPtsMicros(),
                    index,
                    event.getEventId(),
                    ColourHistogram.of(picture),
                    Keyframes.jpeg(picture));
            SceneTracker.Step step = tracker.accept(state, frame, System.currentTimeMillis());
            state = step.state();
            for (ClosedScene scene : step.closed()) {
                describe(scene);
                scenes++;
            }
        }
        return scenes;
    }

    /** What the scene stage makes of a closed scene where OCR is on: its keyframe decoded and read. */
    private void describe(ClosedScene scene) throws IOException {
        if (reader.isPresent()) {
            BufferedImage keyframe =
                    ImageIO.read(new ByteArrayInputStream(scene.keyframe().keyframe()));
            reader.get().read(keyframe).fullText();
        }
    }

    private static InputContext context(int index) {
        Instant now = Instant.now();
        return new InputContext("video-frames", 0, index, now, now, System.nanoTime(), 0);
    }

    @Override
    public void close() {
        reader.ifPresent(PaddleOcr::close);
    }
}
