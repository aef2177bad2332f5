package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.OcrLine;
import io.montage.schemas.avro.OcrResult;
import io.montage.schemas.avro.Point;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One upload on the wall: its probe result (which carries the validated media) and the outputs of
 * the later stages as they arrive. Immutable; each new output makes a new view.
 *
 * @param seenAt when the web view read the probe result, for the page's "appeared after" figure
 * @param scenes what the scenes stages made of a clip
 * @param matches the reference-list entries it matched, in the order they were read: one per entry,
 *     signal and video frame (a record read again, after a restart say, takes the place of the one it
 *     repeats)
 */
record UploadView(
        String eventId,
        ProbeResult probe,
        Instant seenAt,
        Caption caption,
        OcrResult ocr,
        Embedding imageEmbedding,
        Transcript transcript,
        GeneratedMedia subtitles,
        List<Match> matches,
        ClipScenesView scenes) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static UploadView of(ProbeResult probe, Instant seenAt) {
        return new UploadView(
                probe.getEventId(), probe, seenAt, null, null, null, null, null, List.of(), ClipScenesView.NONE);
    }

    /**
     * This view with {@code output} (a caption, OCR result, image embedding, transcript, subtitles,
     * match, or a clip's scene or scene media) added.
     */
    UploadView with(Object output) {
        if (output instanceof Caption c) {
            return new UploadView(
                    eventId, probe, seenAt, c, ocr, imageEmbedding, transcript, subtitles, matches, scenes);
        }
        if (output instanceof OcrResult o) {
            return new UploadView(
                    eventId, probe, seenAt, caption, o, imageEmbedding, transcript, subtitles, matches, scenes);
        }
        if (output instanceof Embedding e) {
            return new UploadView(eventId, probe, seenAt, caption, ocr, e, transcript, subtitles, matches, scenes);
        }
        if (output instanceof Transcript t) {
            return new UploadView(eventId, probe, seenAt, caption, ocr, imageEmbedding, t, subtitles, matches, scenes);
        }
        if (output instanceof GeneratedMedia g && ClipScenesView.isScenesMedia(g)) {
            return withScenes(scenes.with(g));
        }
        if (output instanceof SceneDescription scene) {
            return withScenes(scenes.with(scene));
        }
        if (output instanceof GeneratedMedia g) {
            return new UploadView(eventId, probe, seenAt, caption, ocr, imageEmbedding, transcript, g, matches, scenes);
        }
        if (output instanceof Match m) {
            return new UploadView(
                    eventId, probe, seenAt, caption, ocr, imageEmbedding, transcript, subtitles, withMatch(m), scenes);
        }
        throw new IllegalArgumentException("not an output the wall shows: " + output.getClass());
    }

    private UploadView withScenes(ClipScenesView clip) {
        return new UploadView(
                eventId, probe, seenAt, caption, ocr, imageEmbedding, transcript, subtitles, matches, clip);
    }

    private List<Match> withMatch(Match match) {
        List<Match> all = new ArrayList<>(matches);
        for (int i = 0; i < all.size(); i++) {
            if (sameFinding(all.get(i), match)) {
                all.set(i, match);
                return List.copyOf(all);
            }
        }
        all.add(match);
        return List.copyOf(all);
    }

    /** The same entry matched by the same signal in the same frame: one finding, shown once. */
    private static boolean sameFinding(Match a, Match b) {
        return a.getList().equals(b.getList())
                && a.getReferenceId().equals(b.getReferenceId())
                && a.getSignal() == b.getSignal()
                && Objects.equals(a.getFrame(), b.getFrame());
    }

    /** The content type its media is served with, where the web view serves it. */
    Optional<String> mediaType() {
        return probe.getMedia() == null ? Optional.empty() : MediaTypes.of(probe.getKind(), probe.getFormat());
    }

    /** What the page draws: text and numbers only; media and subtitles by their URL under /web/. */
    ObjectNode toJson() {
        ObjectNode node = JSON.objectNode();
        node.put("eventId", eventId);
        node.put("kind", probe.getKind().name().toLowerCase(Locale.ROOT));
        node.put("format", probe.getFormat());
        node.put("width", probe.getWidth());
        node.put("height", probe.getHeight());
        node.put("sizeBytes", probe.getSizeBytes());
        node.put("seenAt", seenAt.toEpochMilli());
        Instant uploaded = probe.getTimings().getInputTimestamp();
        node.put("uploadedAt", uploaded == null ? null : uploaded.toEpochMilli());
        String path = URLEncoder.encode(eventId, StandardCharsets.UTF_8).replace("+", "%20");
        node.put("media", mediaType().isPresent() ? "media/" + path : null);
        node.put("mediaType", mediaType().orElse(null));
        if (caption != null) {
            node.putObject("caption")
                    .put("text", caption.getText())
                    .put("model", caption.getModel().getId());
        }
        if (ocr != null) {
            ObjectNode o = node.putObject("ocr");
            o.put("model", ocr.getModel().getId());
            ArrayNode lines = o.putArray("lines");
            for (OcrLine line : ocr.getLines()) {
                ObjectNode l = lines.addObject();
                l.put("text", line.getText());
                l.put("confidence", line.getConfidence());
                ArrayNode box = l.putArray("box");
                for (Point p : line.getBox()) {
                    box.addArray().add(p.getX()).add(p.getY());
                }
            }
        }
        if (imageEmbedding != null) {
            ArrayNode labels = node.putArray("labels");
            for (LabelScore label : imageEmbedding.getLabels()) {
                labels.addObject().put("label", label.getLabel()).put("score", label.getScore());
            }
        }
        if (transcript != null) {
            ObjectNode t = node.putObject("transcript");
            t.put("text", transcript.getText());
            t.put("language", transcript.getLanguage());
            t.put("noSpeechReason", transcript.getNoSpeechReason());
            ArrayNode segments = t.putArray("segments");
            for (TranscriptSegment segment : transcript.getSegments()) {
                segments.addObject()
                        .put("startMicros", segment.getStartMicros())
                        .put("endMicros", segment.getEndMicros())
                        .put("text", segment.getText());
            }
        }
        node.put("subtitles", subtitles == null ? null : "subtitles/" + path);
        scenes.addTo(node, path);
        ArrayNode found = node.putArray("matches");
        for (Match match : matches) {
            ObjectNode m = found.addObject();
            m.put("list", match.getList());
            m.put("referenceId", match.getReferenceId());
            m.put("signal", match.getSignal().name().toLowerCase(Locale.ROOT));
            m.put("distance", match.getDistance());
            m.put("threshold", match.getThreshold());
            m.put("pdqQuality", match.getPdqQuality());
            m.put(
                    "frameMicros",
                    match.getFrame() == null ? null : match.getFrame().getPtsMicros());
            m.put("model", match.getModel() == null ? null : match.getModel().getId());
        }
        return node;
    }
}
