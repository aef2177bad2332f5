package io.montage.processors.probe;

import io.montage.models.media.ContentKind;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.VideoEvent;
import io.montage.schemas.avro.VideoFrameEvent;
import java.util.Map;
import java.util.Set;

/**
 * The part of any input event the probe needs, so one probe stage serves every input topic.
 *
 * @param accepted the kinds of content this input topic may carry; anything else is dead-lettered
 */
public record ProbeInput(
        String eventId,
        Media media,
        FrameRef frame,
        Map<String, String> attributes,
        Set<ContentKind> accepted,
        String languageHint) {

    public static ProbeInput of(ImageEvent event) {
        return new ProbeInput(
                event.getEventId(), event.getMedia(), null, event.getAttributes(), Set.of(ContentKind.IMAGE), null);
    }

    public static ProbeInput of(AudioEvent event) {
        // A video file sent as audio is transcribed from its sound track, so video content is accepted too.
        return new ProbeInput(
                event.getEventId(),
                event.getMedia(),
                null,
                event.getAttributes(),
                Set.of(ContentKind.AUDIO, ContentKind.VIDEO),
                event.getLanguageHint());
    }

    public static ProbeInput of(VideoEvent event) {
        return new ProbeInput(
                event.getEventId(), event.getMedia(), null, event.getAttributes(), Set.of(ContentKind.VIDEO), null);
    }

    public static ProbeInput of(VideoFrameEvent event) {
        return new ProbeInput(
                event.getEventId(),
                event.getMedia(),
                event.getFrame(),
                event.getAttributes(),
                Set.of(ContentKind.IMAGE),
                null);
    }
}
