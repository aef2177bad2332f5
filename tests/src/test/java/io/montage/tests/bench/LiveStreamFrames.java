package io.montage.tests.bench;

import io.montage.models.media.SyntheticClip;
import io.montage.processors.video.SceneSettings;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.VideoFrameEvent;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A live stream's frames as a camera sends them at 2 fps: 640×360 JPEGs, a new shot every 5 s, each
 * shot its own colour (a cut the scene stage sees) and its own word (text the OCR reads).
 */
final class LiveStreamFrames {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final long SAMPLE_MICROS = 500_000;
    static final int SHOT_FRAMES = 10;
    /** Frames a cut waits for before it is placed: the default grace period at 2 fps. */
    static final int GRACE_FRAMES = (int) (SceneSettings.DEFAULT_GRACE.toNanos() / 1_000 / SAMPLE_MICROS);

    private static final Color[] COLOURS = {new Color(20, 40, 160), new Color(170, 30, 30), new Color(30, 140, 50)};

    /** Every frame of a shot is the same picture: encoded once, not once per frame sent. */
    private final Map<Integer, byte[]> jpegByShot = new HashMap<>();

    VideoFrameEvent frame(String streamId, int index) {
        return VideoFrameEvent.newBuilder()
                .setEventId(streamId + "-" + index)
                .setFrame(new FrameRef(streamId, (long) index, index * SAMPLE_MICROS))
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(jpeg(index / SHOT_FRAMES)))
                        .build())
                .build();
    }

    /**
     * The scenes a cut closes once {@code frames} frames went through: scene k ends at the cut at frame
     * 10(k + 1), placed when frame 10(k + 1) + {@link #GRACE_FRAMES} arrives. The last scene ends only
     * when the stream goes idle.
     */
    static int scenesClosedByCut(int frames) {
        return Math.max(0, (frames - 1 - GRACE_FRAMES) / SHOT_FRAMES);
    }

    /** The frame whose arrival lets a scene ending at {@code endPtsMicros} (a cut) close. */
    static int closingFrame(long endPtsMicros) {
        return (int) (endPtsMicros / SAMPLE_MICROS) + GRACE_FRAMES;
    }

    private synchronized byte[] jpeg(int shot) {
        return jpegByShot.computeIfAbsent(shot, s -> {
            SyntheticClip.Segment segment = new SyntheticClip.Segment(COLOURS[s % COLOURS.length], "SCENE " + s, 5);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(SyntheticClip.picture(segment, WIDTH, HEIGHT), "jpeg", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }
}
