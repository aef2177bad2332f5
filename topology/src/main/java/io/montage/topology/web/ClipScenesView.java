package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.processors.stage.StageId;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.TranscriptSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the scenes stages made of an uploaded clip, for its card: its scenes in order (each replaced
 * by its copy from {@code scene-transcripts}, with the speech during it, when that comes), and the
 * contact sheet, summary video and the summary's cue track from {@code generated-media}.
 */
record ClipScenesView(
        List<SceneDescription> scenes,
        GeneratedMedia contactSheet,
        GeneratedMedia summary,
        GeneratedMedia summaryCues) {

    static final ClipScenesView NONE = new ClipScenesView(List.of(), null, null, null);

    /** The file names the card asks for under {@code scenes/<eventId>/}, each with its content type. */
    enum File {
        CONTACT_SHEET("contact-sheet.jpg", "image/jpeg"),
        SUMMARY("summary.mp4", "video/mp4"),
        SUMMARY_CUES("summary.vtt", "text/vtt; charset=utf-8");

        final String fileName;
        final String contentType;

        File(String fileName, String contentType) {
            this.fileName = fileName;
            this.contentType = contentType;
        }

        static Optional<File> named(String fileName) {
            for (File file : values()) {
                if (file.fileName.equals(fileName)) {
                    return Optional.of(file);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Whether {@code media} is the scenes stage's, not a clip's speech subtitles (both are SUBTITLES):
     * by its stage, or, in records written before media named their stage, by the summary's file name.
     */
    static boolean isScenesMedia(GeneratedMedia media) {
        if (!media.getStage().isEmpty()) {
            return media.getStage().equals(StageId.SCENES.id());
        }
        String name = media.getMedia().getFileName();
        return media.getKind() != GeneratedKind.SUBTITLES || name != null && name.endsWith("-summary.vtt");
    }

    ClipScenesView with(GeneratedMedia media) {
        return switch (media.getKind()) {
            case IMAGE -> new ClipScenesView(scenes, media, summary, summaryCues);
            case VIDEO_SUMMARY -> new ClipScenesView(scenes, contactSheet, media, summaryCues);
            case SUBTITLES -> new ClipScenesView(scenes, contactSheet, summary, media);
            default -> this;
        };
    }

    /**
     * With {@code scene} in its place by index. A scene joined with its transcript replaces the scene
     * as first written; the first-written copy read after it (topics are read independently) does not
     * undo the join.
     */
    ClipScenesView with(SceneDescription scene) {
        List<SceneDescription> all = new ArrayList<>(scenes.size() + 1);
        for (SceneDescription held : scenes) {
            if (held.getSceneIndex() != scene.getSceneIndex()) {
                all.add(held);
            } else if (scene.getTranscriptSegments() == null && held.getTranscriptSegments() != null) {
                return this;
            }
        }
        all.add(scene);
        all.sort(Comparator.comparingLong(SceneDescription::getSceneIndex));
        return new ClipScenesView(List.copyOf(all), contactSheet, summary, summaryCues);
    }

    Optional<GeneratedMedia> file(File file) {
        return Optional.ofNullable(
                switch (file) {
                    case CONTACT_SHEET -> contactSheet;
                    case SUMMARY -> summary;
                    case SUMMARY_CUES -> summaryCues;
                });
    }

    /** Adds the scenes and the URLs of what was generated (relative to /web/) to an upload's JSON. */
    void addTo(ObjectNode node, String encodedEventId) {
        if (scenes.isEmpty() && contactSheet == null && summary == null) {
            return;
        }
        ObjectNode clip = node.putObject("scenes");
        String base = "scenes/" + encodedEventId + "/";
        clip.put("contactSheet", contactSheet == null ? null : base + File.CONTACT_SHEET.fileName);
        clip.put("summary", summary == null ? null : base + File.SUMMARY.fileName);
        clip.put("summaryCues", summaryCues == null ? null : base + File.SUMMARY_CUES.fileName);
        ArrayNode list = clip.putArray("list");
        for (SceneDescription scene : scenes) {
            ObjectNode s = list.addObject();
            s.put("index", scene.getSceneIndex());
            s.put("startMicros", scene.getStartPtsMicros());
            s.put("endMicros", scene.getEndPtsMicros());
            s.put("frameCount", scene.getFrameCount());
            s.put("ocrText", scene.getOcrText());
            s.put("caption", scene.getCaption());
            ArrayNode labels = s.putArray("labels");
            for (LabelScore label : scene.getLabels()) {
                labels.add(label.getLabel());
            }
            s.put("soundTrack", scene.getSoundTrack());
            if (scene.getTranscriptSegments() != null) {
                ArrayNode speech = s.putArray("speech");
                for (TranscriptSegment segment : scene.getTranscriptSegments()) {
                    speech.add(segment.getText());
                }
            }
        }
    }
}
