package io.montage.processors.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.models.vision.hash.PdqHash;
import io.montage.models.vision.hash.PdqHasher;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ProbeResults;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The probe stage alone, with FFmpeg's real probe, on a picture made here. */
class ProbeStageTest {

    private final ProbeStage stage =
            new ProbeStage(new MediaResolver(List.of(), 1 << 20), new FfmpegMediaProbe(MediaLimits.defaults()));

    @Test
    void aPictureIsDescribedWithItsDigestAndBothPerceptualHashes() throws Exception {
        BufferedImage picture = picture();
        byte[] png = png(picture);

        ProbeResult result = stage.process(ProbeInput.of(image(png)), context());

        assertThat(result.getKind()).isEqualTo(MediaKind.IMAGE);
        assertThat(result.getWidth()).isEqualTo(160);
        assertThat(result.getSizeBytes()).isEqualTo(png.length);
        assertThat(result.getDctHash().bytes()).hasSize(8);
        PdqHash expected = PdqHasher.hash(picture, PdqHasher.Borders.TRIM).hash();
        assertThat(HexFormat.of().formatHex(result.getPdqHash().bytes())).isEqualTo(expected.toHex());
        assertThat(result.getPdqQuality()).isBetween(50, 100);
    }

    @Test
    void audioOnTheImagesTopicIsTheWrongKind() throws Exception {
        byte[] wav = ProbeResults.toneWav(8000); // half a second

        assertThatThrownBy(() -> stage.process(ProbeInput.of(image(wav)), context()))
                .isInstanceOfSatisfying(
                        StageRejection.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.WRONG_MEDIA_KIND));
        ProbeResult audio = stage.process(
                ProbeInput.of(AudioEvent.newBuilder()
                        .setEventId("a")
                        .setMedia(inline(wav))
                        .build()),
                context());
        assertThat(audio.getPdqHash()).isNull();
        assertThat(audio.getPdqQuality()).isNull();
    }

    private static BufferedImage picture() {
        BufferedImage picture = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.ORANGE);
        g.fillOval(20, 15, 70, 70);
        g.setColor(Color.WHITE);
        g.fillRect(95, 40, 50, 60);
        g.dispose();
        return picture;
    }

    private static byte[] png(BufferedImage picture) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", out);
        return out.toByteArray();
    }

    private static ImageEvent image(byte[] data) {
        return ImageEvent.newBuilder().setEventId("e").setMedia(inline(data)).build();
    }

    private static Media inline(byte[] data) {
        return Media.newBuilder().setInline(ByteBuffer.wrap(data)).build();
    }

    private static InputContext context() {
        return new InputContext("images", 0, 0, Instant.EPOCH, Instant.now(), System.nanoTime(), 0);
    }
}
