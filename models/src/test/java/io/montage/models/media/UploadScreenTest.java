package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_PIXELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Counterexamples UploadScreenProperties found, kept as examples. */
class UploadScreenTest {

    @Test
    void aPngWhoseDeclaredPixelCountPassesLongMaxValueIsTooManyPixels() {
        // 2147483650 × 4294967293 wraps to a negative long, which passed every limit.
        byte[] png = UploadBytes.png(2_147_483_650L, 4_294_967_293L);

        assertThatThrownBy(() -> new UploadScreen(MediaLimits.defaults()).checkBeforeParsing(png))
                .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TOO_MANY_PIXELS);
                    assertThat(e.getMessage()).contains("2147483650×4294967293 = 9223372039002.3 MP");
                });
    }

    @Test
    void aDurationLimitOfCenturiesIsALimitNotAnArithmeticException() {
        // Duration.toNanos() overflows past 292 years; every WAV header check threw.
        MediaLimits limits = new MediaLimits(1024, 1024, Duration.ofDays(365L * 300));

        assertThatCode(() -> new UploadScreen(limits).checkBeforeParsing(UploadBytes.wav(8000, 16, 16)))
                .doesNotThrowAnyException();
    }
}
