package io.montage.models.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FrameSignatureTest {

    @Test
    void theClipDistanceIsOneMinusTheCosineOfTheVectorsScaledToUnitLength() {
        ClipSignature x = ClipSignature.of(new float[] {3, 0, 0});
        ClipSignature alsoX = ClipSignature.of(new float[] {0.5f, 0, 0});
        ClipSignature y = ClipSignature.of(new float[] {0, 2, 0});
        ClipSignature minusX = ClipSignature.of(new float[] {-1, 0, 0});
        ClipSignature diagonal = ClipSignature.of(new float[] {1, 1, 0});

        assertThat(x.vector()).containsExactly(1f, 0f, 0f);
        assertThat(x.distance(alsoX)).isCloseTo(0, within(1e-9));
        assertThat(x.distance(y)).isCloseTo(1, within(1e-9));
        assertThat(x.distance(minusX)).isCloseTo(2, within(1e-9));
        assertThat(x.distance(diagonal)).isCloseTo(1 - Math.sqrt(0.5), within(1e-6));
        assertThat(FrameSignature.between(x, diagonal)).hasValueCloseTo(x.distance(diagonal), within(0.0));
    }

    @Test
    void theHistogramDistanceIsHalfTheL1DistanceAsBefore() {
        ColourHistogram blue = histogram(Color.BLUE);
        ColourHistogram red = histogram(Color.RED);

        assertThat(FrameSignature.between(blue, blue)).hasValueCloseTo(0.0, within(0.0));
        assertThat(FrameSignature.between(blue, red)).hasValueCloseTo(blue.distance(red), within(0.0));
        assertThat(blue.distance(red)).isCloseTo(1, within(1e-6));
        assertThat(blue.signal()).isEqualTo(SceneSignal.HISTOGRAM);
    }

    @Test
    void signaturesOfDifferentKindsOrSizesHaveNoDistance() {
        ClipSignature small = ClipSignature.of(new float[] {1, 0});
        ClipSignature large = ClipSignature.of(new float[] {1, 0, 0});

        assertThat(FrameSignature.between(histogram(Color.BLUE), small)).isEmpty();
        assertThat(FrameSignature.between(small, histogram(Color.BLUE))).isEmpty();
        assertThat(FrameSignature.between(small, large)).isEmpty();
        assertThat(small.signal()).isEqualTo(SceneSignal.CLIP);
    }

    @Test
    void eachSignalHasItsOwnThreshold() {
        SceneRules rules = new SceneRules(0.35, 0.2, 0, 0);

        assertThat(rules.thresholdOf(SceneSignal.HISTOGRAM)).isEqualTo(0.35);
        assertThat(rules.thresholdOf(SceneSignal.CLIP)).isEqualTo(0.2);
    }

    private static ColourHistogram histogram(Color colour) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        return ColourHistogram.of(image);
    }
}
