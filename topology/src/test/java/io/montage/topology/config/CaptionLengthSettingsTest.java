package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** montage.caption.max-new-tokens: unset leaves each captioner its own length (Florence-2's reference 1,024). */
class CaptionLengthSettingsTest {

    @Test
    void unsetMeansTheCaptionersOwn() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).models().captionMaxNewTokens())
                .isZero();
    }

    @Test
    void aSetLengthIsKeptAndANegativeOneRefused() {
        assertThat(SettingsLoader.load(null, Map.of("MONTAGE_CAPTION_MAX_NEW_TOKENS", "256"), Map.of())
                        .models()
                        .captionMaxNewTokens())
                .isEqualTo(256);
        assertThatThrownBy(
                        () -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.CAPTION_MAX_NEW_TOKENS, "-5")))
                .hasMessage(
                        "Invalid value -5 for configuration montage.caption.max-new-tokens: Value must be at least 0");
    }
}
