package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pictures whose rows FFmpeg pads (width × 3 not a multiple of its alignment) decode pixel-exact. */
class NarrowPictureTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8, 16, 17, 32, 33})
    void narrowPngsProbeAndDecodeWithTheirOwnPixels(int width) throws Exception {
        BufferedImage original = new BufferedImage(width, 7, BufferedImage.TYPE_INT_RGB);
        original.setRGB(width - 1, 6, 0xff2010);
        original.setRGB(0, 0, 0x00ff00);
        byte[] png = png(original);

        MediaInfo info = new FfmpegMediaProbe(MediaLimits.defaults()).probe(png);
        BufferedImage decoded = new FfmpegImageDecoder(MediaLimits.defaults()).decode(png);

        assertThat(info.width()).isEqualTo(width);
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(decoded.getRGB(width - 1, 6) & 0xffffff).isEqualTo(0xff2010);
        assertThat(decoded.getRGB(0, 0) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(decoded.getRGB(width / 2, 3) & 0xffffff).isZero();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
