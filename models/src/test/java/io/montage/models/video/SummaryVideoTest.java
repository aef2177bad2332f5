package io.montage.models.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.SyntheticClip;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;

/** The summary video decodes back to its keyframes, each held for the same time, in order. */
class SummaryVideoTest {

    private static final List<SyntheticClip.Segment> SEGMENTS = SyntheticClip.threeScenes();

    @Test
    void eachKeyframeIsHeldForTheHoldTimeInOrder() throws Exception {
        List<BufferedImage> keyframes = SEGMENTS.stream()
                .map(segment -> SyntheticClip.picture(segment, 640, 360))
                .toList();

        long started = System.nanoTime();
        SummaryVideo.Encoded summary = SummaryVideo.of(keyframes);
        long encodeMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "summary of %d keyframes: %d bytes, %s, encoded in %d ms%n",
                summary.keyframes(), summary.mp4().length, summary.codec(), encodeMillis);

        int perKeyframe = SummaryVideo.FRAME_RATE * SummaryVideo.HOLD_SECONDS;
        List<Integer> reds = new ArrayList<>();
        long lastPts = -1;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(summary.mp4()));
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(640);
            assertThat(grabber.getImageHeight()).isEqualTo(360);
            assertThat(grabber.getVideoCodecName()).isEqualTo(summary.codec());
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                assertThat(frame.timestamp).isGreaterThan(lastPts);
                lastPts = frame.timestamp;
                BufferedImage picture = converter.convert(frame);
                reds.add(new Color(picture.getRGB(20, 180)).getRed());
            }
            grabber.stop();
        }
        assertThat(reds).hasSize(keyframes.size() * perKeyframe);
        long frameMicros = 1_000_000L / SummaryVideo.FRAME_RATE;
        long durationMicros = lastPts + frameMicros;
        assertThat(durationMicros)
                .isCloseTo(
                        keyframes.size() * SummaryVideo.HOLD_SECONDS * 1_000_000L,
                        org.assertj.core.data.Offset.offset(frameMicros));
        // The second keyframe (red MARKET) fills frames 10..19 and only those.
        for (int i = 0; i < reds.size(); i++) {
            boolean market = i / perKeyframe == 1;
            assertThat(reds.get(i) > 120)
                    .as("frame %d is MARKET: %s", i, market)
                    .isEqualTo(market);
        }
        assertThat(summary.mp4().length).isLessThan(200_000);
    }

    @Test
    void aLongClipIsCappedAtTheFirstMaxKeyframes() {
        BufferedImage small = SyntheticClip.picture(SEGMENTS.get(0), 64, 36);
        List<BufferedImage> many = new ArrayList<>();
        for (int i = 0; i < SummaryVideo.MAX_KEYFRAMES + 5; i++) {
            many.add(small);
        }
        assertThat(SummaryVideo.of(many).keyframes()).isEqualTo(SummaryVideo.MAX_KEYFRAMES);
    }

    @Test
    void keyframesThatCompressBadlyAreCutToFitTheByteBudget() {
        Random random = new Random(11);
        List<BufferedImage> noise = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            BufferedImage picture = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 90; y++) {
                for (int x = 0; x < 160; x++) {
                    picture.setRGB(x, y, random.nextInt());
                }
            }
            noise.add(picture);
        }
        int whole = SummaryVideo.of(noise).mp4().length;
        int budget = whole / 2;

        SummaryVideo.Encoded cut = SummaryVideo.of(noise, budget);

        assertThat(cut.mp4().length).isLessThanOrEqualTo(budget);
        assertThat(cut.keyframes()).isBetween(2, 4);
    }
}
