package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegImageDecoderTest {

    private final ImageDecoder decoder = new FfmpegImageDecoder(MediaLimits.defaults());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sample-text.jpg",
                "image-320x240.png",
                "image-320x240.webp",
                "image-320x240.gif",
                "image-320x240.heic",
                "clip-2s-320x240.mp4"
            })
    void decodesToA320By240ThreeByteBgrImage(String fixture) throws Exception {
        BufferedImage image = decoder.decode(MediaFixtures.bytes(fixture));

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void decodedPixelsMatchTheSource() throws Exception {
        BufferedImage source = MediaFixtures.photoLike(64, 48, 3);

        BufferedImage decoded = decoder.decode(MediaFixtures.png(source));

        assertThat(decoded.getRGB(10, 10) & 0xFFFFFF).isEqualTo(source.getRGB(10, 10) & 0xFFFFFF);
        assertThat(decoded.getRGB(50, 40) & 0xFFFFFF).isEqualTo(source.getRGB(50, 40) & 0xFFFFFF);
    }

    @Test
    void pixelLimitIsEnforcedFromTheHeaderBeforeDecoding() {
        ImageDecoder small = new FfmpegImageDecoder(new MediaLimits(100_000_000, 10_000, Duration.ofHours(1)));

        MediaRejectedException rejection = catchThrowableOfType(
                MediaRejectedException.class, () -> small.decode(MediaFixtures.bytes("image-320x240.png")));

        assertThat(rejection.reason()).isEqualTo(MediaRejectedException.Reason.TOO_MANY_PIXELS);
        assertThat(rejection.getMessage()).contains("PNG header declares 320×240");
    }

    @Test
    void audioHasNoPictureToDecode() {
        MediaRejectedException rejection = catchThrowableOfType(
                MediaRejectedException.class, () -> decoder.decode(MediaFixtures.bytes("tone-1500ms-44k1-mono.mp3")));

        assertThat(rejection.reason()).isEqualTo(MediaRejectedException.Reason.UNSUPPORTED);
    }
}
