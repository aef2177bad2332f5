package io.montage.models.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitLengthTest {

    @Test
    void aVectorKeepsItsDirectionAtLengthOne() {
        float[] unit = UnitLength.of(new float[] {3, -4, 0});

        assertThat(unit).containsExactly(new float[] {0.6f, -0.8f, 0f}, within(1e-7f));
    }

    @Test
    void theZeroVectorStaysZeroRatherThanNaN() {
        assertThat(UnitLength.of(new float[] {0, 0})).containsExactly(0f, 0f);
    }

    @Test
    void aVectorShorterThanTorchsFloorIsDividedByTheFloorAsTorchDoes() {
        // torch.nn.functional.normalize(v, eps=1e-12) divides by max(|v|, eps)
        float[] unit = UnitLength.of(new float[] {1e-20f, 0});

        assertThat(unit[0]).isCloseTo(1e-8f, within(1e-14f));
    }
}
