package io.montage.models.video;

import io.montage.models.audio.WebVttWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SummaryVideo}'s subtitle track as WebVTT: one cue per keyframe, timed to when the summary
 * shows it, saying which scene it is, where that scene was in the original clip, and what was made of
 * its keyframe (caption, text read on it, labels).
 */
public final class SceneCues {

    /** What one cue says about its scene; caption and text may be null, labels empty. */
    public record Scene(
            long sceneIndex,
            long startPtsMicros,
            long endPtsMicros,
            String caption,
            String ocrText,
            List<String> labels) {}

    public static final String CONTENT_TYPE = "text/vtt";

    private SceneCues() {}

    /** One cue per scene, in order, as the summary video shows them: pass only the scenes it shows. */
    public static String webVtt(List<Scene> shown) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        long hold = SummaryVideo.HOLD_SECONDS * 1_000_000L;
        for (int i = 0; i < shown.size(); i++) {
            Scene scene = shown.get(i);
            vtt.append('\n')
                    .append("scene-")
                    .append(scene.sceneIndex())
                    .append('\n')
                    .append(WebVttWriter.timestamp(i * hold))
                    .append(" --> ")
                    .append(WebVttWriter.timestamp((i + 1) * hold))
                    .append('\n');
            for (String line : lines(scene)) {
                vtt.append(line).append('\n');
            }
        }
        return vtt.toString();
    }

    private static List<String> lines(Scene scene) {
        List<String> lines = new ArrayList<>();
        lines.add("Scene " + scene.sceneIndex() + " · " + ContactSheet.timeCode(scene.startPtsMicros()) + "–"
                + ContactSheet.timeCode(scene.endPtsMicros()));
        if (scene.caption() != null && !scene.caption().isBlank()) {
            lines.add(payload(scene.caption()));
        }
        if (scene.ocrText() != null && !scene.ocrText().isBlank()) {
            lines.add("Text: " + payload(scene.ocrText()));
        }
        if (!scene.labels().isEmpty()) {
            lines.add("Labels: " + payload(String.join(", ", scene.labels())));
        }
        return lines;
    }

    /** Text as one cue line: WebVTT ends a cue at a blank line, so line breaks become spaces. */
    static String payload(String text) {
        return WebVttWriter.escape(text.strip().replaceAll("\\s+", " "));
    }
}
