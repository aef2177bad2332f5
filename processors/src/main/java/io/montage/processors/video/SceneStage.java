package io.montage.processors.video;

import io.montage.models.media.MediaRejectedException;
import io.montage.models.media.ScaledToFit;
import io.montage.models.media.VideoFrames;
import io.montage.models.video.ClosedScene;
import io.montage.models.video.ContactSheet;
import io.montage.models.video.FrameSignature;
import io.montage.models.video.Keyframes;
import io.montage.models.video.SceneCues;
import io.montage.models.video.SceneEnd;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.SceneSignal;
import io.montage.models.video.SceneTracker;
import io.montage.models.video.StreamScenes;
import io.montage.models.video.SummaryVideo;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.blob.OutputMedia;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.StageId;
import io.montage.processors.stage.StageRejection;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scene stage's work, apart from Kafka: turns an uploaded clip (sampled at
 * {@link SceneSettings#fps()}) or a live stream's frame into {@link SceneFrame}s, runs them through
 * the one {@link SceneTracker} (cut on CLIP embeddings by the image-embed stage's model where this
 * instance has it loaded, on colour histograms otherwise: {@link FrameSignatures}), and describes each closed scene — its times, its keyframe inline,
 * and, where their models are loaded in this instance ({@link KeyframeModels}), the text read on
 * the keyframe, its caption and its zero-shot labels, each made once per scene; a clip also gets a contact sheet
 * of its keyframes, a summary video of them and its WebVTT track on {@code generated-media}. A clip is a stream whose id is its
 * event id, taken whole in one call; a live stream's state lives between frames in the
 * processor's store.
 */
public final class SceneStage {

    private static final Logger log = LoggerFactory.getLogger(SceneStage.class);

    private final MediaResolver resolver;
    private final OutputMedia output;
    private final SceneText sceneText;
    private final ProbedImage images;
    private final VideoFrames frames;
    private final SceneSettings settings;
    private final SceneTracker tracker;
    private final KeyframeModels keyframeModels;
    private final FrameSignatures signatures;

    /**
     * @throws IllegalArgumentException {@code montage.scenes.signal} is {@code clip} and {@code keyframeModels}
     *     has no frame embedder (no CLIP model loaded in this instance)
     */
    public SceneStage(
            MediaResolver resolver,
            ProbedImage images,
            VideoFrames frames,
            SceneSettings settings,
            KeyframeModels keyframeModels,
            OutputMedia output) {
        this.resolver = resolver;
        this.output = output;
        this.images = images;
        this.frames = frames;
        this.settings = settings;
        this.tracker = new SceneTracker(settings.rules());
        this.keyframeModels = keyframeModels;
        this.signatures = FrameSignatures.choose(settings.signal(), keyframeModels.frameEmbedder());
        this.sceneText = new SceneText(settings.textInterval(), settings.fps());
    }

    /** Uploaded clips, and frames of live streams (images with a frame reference). */
    public static boolean applies(ProbeResult probe) {
        return probe.getMedia() != null
                && (probe.getKind() == MediaKind.VIDEO
                        || probe.getKind() == MediaKind.IMAGE && probe.getFrame() != null);
    }

    public static boolean isClip(ProbeResult probe) {
        return probe.getKind() == MediaKind.VIDEO;
    }

    public SceneSettings settings() {
        return settings;
    }

    SceneTracker tracker() {
        return tracker;
    }

    /** What scenes are cut on here: CLIP embeddings or colour histograms ({@link SceneSettings.Signal}). */
    public SceneSignal signal() {
        return signatures.signal();
    }

    /** For the stage's status line: what scenes are cut on and what each keyframe gets. */
    public static String status(SceneSettings settings, KeyframeModels keyframeModels) {
        return FrameSignatures.status(settings.signal(), keyframeModels.frameEmbedder()) + ", "
                + keyframeModels.summary();
    }

    /**
     * A clip's scenes, in order, and what is generated of them for {@code generated-media}: its contact
     * sheet (every keyframe with its time codes), its summary video and that video's WebVTT track.
     */
    public record ClipScenes(List<SceneDescription> scenes, List<GeneratedMedia> generated) {}

    /** Every scene of a clip, in order: its frames sampled, split, and the last scene closed at the clip's end. */
    public ClipScenes clip(ProbeResult probe, InputContext context) throws StageRejection {
        byte[] data = resolver.bytes(probe.getMedia());
        String streamId = probe.getEventId();
        ClipSplit split = new ClipSplit(streamId);
        try {
            frames.sample(data, settings.fps(), split::add);
            split.sign();
        } catch (MediaRejectedException e) {
            throw StageRejection.of(e);
        } catch (RejectedFrames e) {
            throw e.rejection;
        }
        long end = probe.getDurationMicros() != null
                ? probe.getDurationMicros()
                : split.lastPts + Math.round(1_000_000 / settings.fps());
        List<ClosedScene> closed = split.closed;
        closed.addAll(tracker.close(split.state, end, SceneEnd.END_OF_CLIP).closed());
        List<SceneDescription> scenes = new ArrayList<>(closed.size());
        // The scene-transcripts stage joins the scenes of clips the transcribe stage takes.
        boolean soundTrack = TranscriptionStage.hasSound(probe);
        for (ClosedScene scene : closed) {
            SceneDescription described = describe(scene, context);
            described.setSoundTrack(soundTrack);
            scenes.add(described);
        }
        if (keyframeModels.ocr().isPresent()) {
            Map<Long, List<String>> later = sceneText.readDuring(
                    split.textFrames.picked(), closed, keyframeModels.ocr().get());
            for (SceneDescription scene : scenes) {
                List<String> more = later.get(scene.getSceneIndex());
                if (more != null) {
                    scene.setOcrText(SceneText.merged(scene.getOcrText(), more));
                }
            }
        }
        return new ClipScenes(
                scenes,
                summaries(probe.getEventId(), scenes.stream().map(KeptScene::of).toList(), context));
    }

    /**
     * A clip's sampled frames on their way to the tracker, in order: each waits until
     * {@link FrameSignatures#framesPerCall()} frames are there to be signed in one call (CLIP), or
     * none (histograms).
     */
    private final class ClipSplit {
        private final String streamId;
        private final List<ClosedScene> closed = new ArrayList<>();
        private final List<Sampled> waiting = new ArrayList<>();
        /** Frames to read the scene text on, where an OCR model is here to read them. */
        private final SceneText.Picker textFrames = sceneText.picker();

        private StreamScenes state;
        private long lastPts;
        private long signedFrames;

        ClipSplit(String streamId) {
            this.streamId = streamId;
            this.state = StreamScenes.start(streamId);
        }

        /** A sampled frame, from the decoder's callback (which takes no checked exception). */
        void add(long pts, long index, BufferedImage picture) {
            BufferedImage scaled = ScaledToFit.of(picture, Keyframes.SIDE);
            byte[] jpeg = Keyframes.encoded(scaled);
            waiting.add(new Sampled(pts, index, signatures.input(picture, scaled), jpeg));
            if (keyframeModels.ocr().isPresent()) {
                textFrames.offer(pts, index, jpeg);
            }
            lastPts = pts;
            if (waiting.size() >= signatures.framesPerCall()) {
                try {
                    sign();
                } catch (StageRejection e) {
                    throw new RejectedFrames(e);
                }
            }
        }

        /** Signs the waiting frames and places them. */
        void sign() throws StageRejection {
            if (waiting.isEmpty()) {
                return;
            }
            String subject = waiting.size() == 1
                    ? "frame " + signedFrames + " of this clip"
                    : "frames " + signedFrames + " to " + (signedFrames + waiting.size() - 1) + " of this clip";
            List<FrameSignature> signed =
                    signatures.of(waiting.stream().map(Sampled::signatureInput).toList(), subject);
            for (int i = 0; i < waiting.size(); i++) {
                Sampled frame = waiting.get(i);
                SceneTracker.Step step = tracker.accept(
                        state, new SceneFrame(frame.pts, frame.index, streamId, signed.get(i), frame.keyframe), 0);
                state = step.state();
                closed.addAll(step.closed());
            }
            signedFrames += waiting.size();
            waiting.clear();
        }
    }

    /** A sampled frame waiting for its signature: what the signature is read from, and its keyframe JPEG. */
    private record Sampled(long pts, long index, BufferedImage signatureInput, byte[] keyframe) {}

    /** Carries a frame's rejection out of the decoder's callback, to be thrown as it is. */
    private static final class RejectedFrames extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient StageRejection rejection;

        RejectedFrames(StageRejection rejection) {
            super(rejection.getMessage(), rejection, false, false);
            this.rejection = rejection;
        }
    }

    /**
     * What is generated of {@code scenes} for {@code generated-media}, under {@code eventId} and in files
     * named after it: the contact sheet (every keyframe with its time codes), the summary video and that
     * video's WebVTT track (the scenes it shows).
     */
    List<GeneratedMedia> summaries(String eventId, List<KeptScene> scenes, InputContext context) {
        List<BufferedImage> keyframes = new ArrayList<>(scenes.size());
        List<ContactSheet.Tile> tiles = new ArrayList<>(scenes.size());
        for (KeptScene scene : scenes) {
            BufferedImage keyframe = picture(scene.keyframe());
            keyframes.add(keyframe);
            tiles.add(new ContactSheet.Tile(
                    keyframe, scene.cue().startPtsMicros(), scene.cue().endPtsMicros()));
        }
        SummaryVideo.Encoded summary = SummaryVideo.of(keyframes);
        List<SceneCues.Scene> shown = scenes.subList(0, summary.keyframes()).stream()
                .map(KeptScene::cue)
                .toList();
        return List.of(
                generated(
                        eventId,
                        context,
                        GeneratedKind.IMAGE,
                        Keyframes.CONTENT_TYPE,
                        Keyframes.encoded(ContactSheet.of(tiles)),
                        "-contact-sheet.jpg"),
                generated(
                        eventId,
                        context,
                        GeneratedKind.VIDEO_SUMMARY,
                        SummaryVideo.CONTENT_TYPE,
                        summary.mp4(),
                        "-summary.mp4"),
                generated(
                        eventId,
                        context,
                        GeneratedKind.SUBTITLES,
                        SceneCues.CONTENT_TYPE,
                        SceneCues.webVtt(shown).getBytes(StandardCharsets.UTF_8),
                        "-summary.vtt"));
    }

    /** Inline or by reference by size ({@link OutputMedia}). */
    private GeneratedMedia generated(
            String eventId,
            InputContext context,
            GeneratedKind kind,
            String contentType,
            byte[] bytes,
            String fileSuffix) {
        return GeneratedMedia.newBuilder()
                .setEventId(eventId)
                .setInput(context.inputRef())
                .setKind(kind)
                .setContentType(contentType)
                .setMedia(output.place(bytes, contentType, eventId + fileSuffix))
                .setModel(signatures.detector())
                .setStage(StageId.SCENES.id())
                .setTimings(context.finishedTimings())
                .build();
    }

    /**
     * A live stream's frame as the tracker takes it: decoded, its signature (embedded alone, as it
     * arrives), its small keyframe copy.
     *
     * @throws StageRejection the frame does not decode, or the CLIP model fails on it
     */
    SceneFrame frame(ProbeResult probe) throws StageRejection {
        BufferedImage picture = images.decode(probe);
        FrameRef ref = probe.getFrame();
        BufferedImage scaled = ScaledToFit.of(picture, Keyframes.SIDE);
        FrameSignature signature = signatures
                .of(List.of(signatures.input(picture, scaled)), "this frame")
                .get(0);
        return new SceneFrame(
                ref.getPtsMicros(), ref.getFrameIndex(), probe.getEventId(), signature, Keyframes.encoded(scaled));
    }

    /** The record of a closed scene; the keyframe's text, caption and labels are made here, once per scene. */
    SceneDescription describe(ClosedScene scene, InputContext context) {
        return describe(scene, context, null);
    }

    /** The record of a closed scene, with {@code notes} made of its keyframe already, or made here where null. */
    SceneDescription describe(ClosedScene scene, InputContext context, KeyframeNotes notes) {
        KeyframeNotes made = notes != null ? notes : notes(scene.keyframe());
        return record(scene.streamId(), scene.sceneIndex(), scene.keyframe(), made, context)
                .setStartPtsMicros(scene.startPtsMicros())
                .setEndPtsMicros(scene.endPtsMicros())
                .setFrameCount(scene.frameCount())
                .setClosedBy(SceneClosedBy.valueOf(scene.end().name()))
                .build();
    }

    /** A live stream's open scene so far, for {@code scenes-open}: it ends, for now, at its latest frame. */
    SceneDescription soFar(String streamId, StreamScenes.OpenScene open, KeyframeNotes notes, InputContext context) {
        return record(streamId, open.sceneIndex(), open.keyframe(), notes, context)
                .setStartPtsMicros(open.startPtsMicros())
                .setEndPtsMicros(open.lastPtsMicros())
                .setFrameCount(open.frameCount())
                .setClosedBy(SceneClosedBy.ONGOING)
                .build();
    }

    /** What the models loaded in this instance make of a keyframe: each runs once per scene, where it is on. */
    KeyframeNotes notes(SceneFrame keyframe) {
        BufferedImage picture = keyframeModels.ocr().isPresent()
                        || keyframeModels.captioner().isPresent()
                        || keyframeModels.labeller().isPresent()
                ? picture(keyframe)
                : null;
        String text = keyframeModels
                .ocr()
                .flatMap(ocr -> lookAt(ocr.model(), "text", keyframe, () -> ocr.reader()
                        .read(picture)
                        .fullText()))
                .orElse(null);
        String caption = keyframeModels
                .captioner()
                .flatMap(captioner -> lookAt(captioner.model(), "caption", keyframe, () -> captioner
                        .captioner()
                        .caption(picture)
                        .text()))
                .orElse(null);
        List<LabelScore> labels = keyframeModels
                .labeller()
                .flatMap(labeller -> lookAt(
                        labeller.model(),
                        "labels",
                        keyframe,
                        () -> labeller.labels().score(labeller.embedder().embedImage(picture)).stream()
                                .map(score -> new LabelScore(score.label(), (float) score.score()))
                                .toList()))
                .orElse(List.of());
        return new KeyframeNotes(text, caption, labels);
    }

    /**
     * {@code notes} with the text the OCR model reads on {@code frame} (a frame of the scene after its
     * keyframe) added: its lines not read before, after them. As they were where the OCR model is off
     * or fails on the frame.
     */
    KeyframeNotes withTextOn(KeyframeNotes notes, SceneFrame frame) {
        Optional<String> text = keyframeModels
                .ocr()
                .flatMap(ocr -> lookAt(ocr.model(), "text of a later frame", frame, () -> ocr.reader()
                        .read(picture(frame))
                        .fullText()));
        if (text.isEmpty()) {
            return notes;
        }
        String merged = SceneText.merged(
                notes.ocrText(),
                text.get().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return new KeyframeNotes(merged, notes.caption(), notes.labels());
    }

    private SceneDescription.Builder record(
            String streamId, long sceneIndex, SceneFrame keyframe, KeyframeNotes notes, InputContext context) {
        return SceneDescription.newBuilder()
                .setEventId(keyframe.eventId())
                .setInput(context.inputRef())
                .setStreamId(streamId)
                .setModel(signatures.detector())
                .setTimings(context.finishedTimings())
                .setSceneIndex(sceneIndex)
                .setKeyframe(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(keyframe.keyframe()))
                        .setContentType(Keyframes.CONTENT_TYPE)
                        .setFileName(streamId + "-scene-" + sceneIndex + ".jpg")
                        .build())
                .setKeyframeFrame(new FrameRef(streamId, keyframe.frameIndex(), keyframe.ptsMicros()))
                .setOcrText(notes.ocrText())
                .setCaption(notes.caption())
                .setLabels(new ArrayList<>(notes.labels()));
    }

    private static BufferedImage picture(SceneFrame keyframe) {
        return picture(keyframe.keyframe());
    }

    private static BufferedImage picture(byte[] jpeg) {
        return Keyframes.decoded(jpeg);
    }

    /**
     * What a model makes of the keyframe; empty, with a warning, where the model fails on it: the scene
     * itself is known and is written either way, rather than lost for want of its text, caption or labels.
     */
    private static <T> Optional<T> lookAt(ModelRef model, String what, SceneFrame keyframe, Supplier<T> call) {
        try {
            return Optional.of(ModelCall.run(model, "this keyframe", call));
        } catch (StageRejection e) {
            log.warn(
                    "Scene keyframe {} ({}) is written without its {}: {}",
                    keyframe.eventId(),
                    keyframe,
                    what,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
