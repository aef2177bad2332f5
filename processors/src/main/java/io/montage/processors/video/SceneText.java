package io.montage.processors.video;

import io.montage.models.media.MediaRejectedException;
import io.montage.models.media.VideoFrames;
import io.montage.models.video.ClosedScene;
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
 * enough to cut, so the keyframe alone would miss it. The clip is sampled again at one frame per
 * {@code interval} and each sampled frame (except those within one scene-sampling step of their
 * scene's keyframe, whose text is already read) is read by the OCR model; a scene's text is its
 * keyframe's lines, then the lines first seen later in the scene, each once.
 *
 * <p>Clips: a live stream's text is read again at each update of its open scene instead
 * ({@link SceneStage#withTextOn}), on the frame that brings it, not on every frame as it arrives.
 */
final class SceneText {

    private static final Logger log = LoggerFactory.getLogger(SceneText.class);

    private final VideoFrames frames;
    private final Duration interval;
    private final long keyframeStepMicros;

    /**
     * @param interval       how often a scene's frames are read after its keyframe; zero for the keyframe only
     * @param sceneSampleFps the rate scenes are cut at: frames this close to a keyframe are not read again
     */
    SceneText(VideoFrames frames, Duration interval, double sceneSampleFps) {
        this.frames = frames;
        this.interval = interval;
        this.keyframeStepMicros = Math.round(1_000_000 / sceneSampleFps);
    }

    boolean enabled() {
        return !interval.isZero();
    }

    /**
     * The lines read on each scene's frames after its keyframe, by scene index, in the order first
     * seen; scenes where nothing more was read are absent. A frame the model fails on is skipped, with
     * a warning: the scene keeps what its other frames showed.
     */
    Map<Long, List<String>> readDuring(byte[] clip, List<ClosedScene> scenes, KeyframeModels.KeyframeReader ocr)
            throws MediaRejectedException {
        Map<Long, List<String>> lines = new HashMap<>();
        if (!enabled() || scenes.isEmpty()) {
            return lines;
        }
        int[] next = {0};
        frames.sample(clip, 1_000_000.0 / (interval.toNanos() / 1_000), (pts, index, picture) -> {
            while (next[0] < scenes.size() - 1 && pts >= scenes.get(next[0]).endPtsMicros()) {
                next[0]++;
            }
            ClosedScene scene = scenes.get(next[0]);
            if (pts < scene.startPtsMicros() || pts - scene.keyframe().ptsMicros() < keyframeStepMicros) {
                return;
            }
            try {
                String text = ModelCall.run(ocr.model(), "a frame of this clip", () -> ocr.reader()
                        .read(picture)
                        .fullText());
                List<String> found = lines.computeIfAbsent(scene.sceneIndex(), i -> new ArrayList<>());
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(found::add);
            } catch (StageRejection e) {
                log.warn(
                        "The text on frame {} ({} us) of scene {} of clip {} is left out: {}",
                        index,
                        pts,
                        scene.sceneIndex(),
                        scene.streamId(),
                        e.getMessage());
            }
        });
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
