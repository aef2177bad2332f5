package io.montage.tests;

import io.montage.models.media.SyntheticClip;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.VideoFrameEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;

/** Frames of a live stream as a camera sends them to {@code video-frames}: one JPEG each, with its place in the stream. */
final class LiveCamera {

    private LiveCamera() {}

    /** Frame {@code index} of {@code streamId}, at {@code ptsMicros}, showing {@code shown}. */
    static VideoFrameEvent frame(
            String streamId, long index, long ptsMicros, SyntheticClip.Segment shown, int width, int height) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(SyntheticClip.picture(shown, width, height), "jpeg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return VideoFrameEvent.newBuilder()
                .setEventId(streamId + "-frame-" + index)
                .setFrame(new FrameRef(streamId, index, ptsMicros))
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(jpeg.toByteArray()))
                        .build())
                .build();
    }
}
