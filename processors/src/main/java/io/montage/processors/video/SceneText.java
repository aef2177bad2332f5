package io.montage.processors.video;

import io.montage.models.video.ClosedScene;
import io.montage.models.video.Keyframes;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.StageRejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text seen during each scene of a clip, not only on its keyframe: a lower third, a slide or a
 * sign that appears after the scene's first frame does not change its colours or its CLIP embedding
 * enough to cut, so the keyframe alone would miss it. Of the frames sampled for the cuts, the first
 * at or after each multiple of {@code interval} is kept (as its keyframe-sized JPEG) and read by the
 * OCR model, except those within one scene-sampling step of their scene's keyframe, whose text is
 * already read; a scene's text is its
 * keyframe's lines, then the lines first seen later in the scene, each once.
 *
 * <p>Clips: a live stream's text is read again at each update of its open scene instead
 * ({@link SceneStage#withTextOn}), on the frame that brings it, not on every frame as it arrives.
 */
final class SceneText {

    private static final Logger log = LoggerFactory.getLogger(SceneText.class);

    private final long intervalMicros;
    private final long keyframeStepMicros;

    /**
     * @param interval       how often a scene's frames are read after its keyframe; zero for the keyframe only
     * @param sceneSampleFps the rate scenes are cut at: frames this close to a keyframe are not read again
     */
    SceneText(Duration interval, double sceneSampleFps) {
        this.intervalMicros = interval.toNanos() / 1_000;
        this.keyframeStepMicros = Math.round(1_000_000 / sceneSampleFps);
    }

    boolean enabled() {
        return intervalMicros > 0;
    }

    /** A sampled frame kept to be read: its time, its index and its keyframe-sized JPEG. */
    record TextFrame(long ptsMicros, long frameIndex, byte[] jpeg) {}

    /**
     * Picks, from a clip's sampled frames as they are decoded (once, for the scene cuts), the first at
     * or after each multiple of the interval: the clip is not decoded a second time for its text.
     */
    final class Picker {
        private final List<TextFrame> picked = new ArrayList<>();
        private long next;

        void offer(long ptsMicros, long frameIndex, byte[] jpeg) {
            if (enabled() && ptsMicros >= next) {
                picked.add(new TextFrame(ptsMicros, frameIndex, jpeg));
                next = (ptsMicros / intervalMicros + 1) * intervalMicros;
            }
        }

        List<TextFrame> picked() {
            return picked;
        }
    }

    Picker picker() {
        return new Picker();
    }

    /**
     * The lines read on each scene's picked frames after its keyframe, by scene index, in the order
     * first seen; scenes where nothing more was read are absent. A frame the model fails on is skipped,
     * with a warning: the scene keeps what its other frames showed.
     */
    Map<Long, List<String>> readDuring(
            List<TextFrame> frames, List<ClosedScene> scenes, KeyframeModels.KeyframeReader ocr) {
        Map<Long, List<String>> lines = new HashMap<>();
        int next = 0;
        for (TextFrame frame : frames) {
            while (next < scenes.size() - 1
                    && frame.ptsMicros() >= scenes.get(next).endPtsMicros()) {
                next++;
            }
            if (scenes.isEmpty()) {
                break;
            }
            ClosedScene scene = scenes.get(next);
            if (frame.ptsMicros() < scene.startPtsMicros()
                    || frame.ptsMicros() - scene.keyframe().ptsMicros() < keyframeStepMicros) {
                continue;
            }
            try {
                String text = ModelCall.run(ocr.model(), "a frame of this clip", () -> ocr.reader()
                        .read(Keyframes.decoded(frame.jpeg()))
                        .fullText());
                List<String> found = lines.computeIfAbsent(scene.sceneIndex(), i -> new ArrayList<>());
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(found::add);
            } catch (StageRejection e) {
                log.warn(
                        "The text on frame {} ({} us) of scene {} of clip {} is left out: {}",
                        frame.frameIndex(),
                        frame.ptsMicros(),
                        scene.sceneIndex(),
                        scene.streamId(),
                        e.getMessage());
            }
        }
        return lines;
    }

    /**
     * The keyframe's text with the lines seen later added, each line once (compared without case or
     * repeated spaces, as OCR of the same line on two frames differs in little else); null where
     * nothing was read at all.
     */
    static String merged(String keyframeText, List<String> later) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (keyframeText != null) {
            keyframeText
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .forEach(l -> lines.putIfAbsent(key(l), l));
        }
        later.forEach(l -> lines.putIfAbsent(key(l), l));
        if (lines.isEmpty()) {
            return keyframeText;
        }
        return String.join("\n", lines.values());
    }

    private static String key(String line) {
        return line.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
