package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DctPerceptualHashTest {

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());

    @Test
    void reEncodedAtQuality60AndSlightlyResizedIsANearDuplicate() throws Exception {
        BufferedImage original = MediaFixtures.photoLike(800, 600, 42);
        long hash = probe.probe(MediaFixtures.png(original)).perceptualHash();

        long lowQuality = probe.probe(MediaFixtures.jpeg(original, 0.6f)).perceptualHash();
        long resized = probe.probe(MediaFixtures.jpeg(MediaFixtures.resized(original, 0.9), 0.85f))
                .perceptualHash();

        assertThat(DctPerceptualHash.distance(hash, lowQuality)).isLessThanOrEqualTo(8);
        assertThat(DctPerceptualHash.distance(hash, resized)).isLessThanOrEqualTo(8);
    }

    @Test
    void unrelatedPicturesAreFarApart() throws Exception {
        long testCard = probe.probe(MediaFixtures.bytes("sample-text.jpg")).perceptualHash();
        long fractal = probe.probe(MediaFixtures.bytes("unrelated-320x240.jpg")).perceptualHash();
        long photoA = DctPerceptualHash.of(MediaFixtures.photoLike(800, 600, 1));
        long photoB = DctPerceptualHash.of(MediaFixtures.photoLike(800, 600, 2));

        assertThat(DctPerceptualHash.distance(testCard, fractal)).isGreaterThanOrEqualTo(20);
        assertThat(DctPerceptualHash.distance(photoA, photoB)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void hashIgnoresScaleSoAThumbnailMatchesItsOriginal() {
        BufferedImage original = MediaFixtures.photoLike(1600, 1200, 9);

        long full = DctPerceptualHash.of(original);
        long thumbnail = DctPerceptualHash.of(MediaFixtures.resized(original, 0.1));

        assertThat(DctPerceptualHash.distance(full, thumbnail)).isLessThanOrEqualTo(8);
    }
}
