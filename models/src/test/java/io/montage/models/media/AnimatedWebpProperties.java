package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An animated WebP reads back as the canvas, background and first-frame placement its chunks
 * declare, with that frame lifted out as a still WebP of its bitstream chunk; cut or changed, it
 * reads as an animation, as none, or as damaged with a reason, and nothing else escapes.
 */
class AnimatedWebpProperties {

    @Property(tries = 200)
    void anAnimationReadsBackAsItsCanvasAndFirstFrame(@ForAll("animations") BuiltAnimatedWebp built)
            throws MediaRejectedException {
        AnimatedWebp animation = AnimatedWebp.read(built.bytes()).orElseThrow();

        assertThat(animation.canvasWidth()).isEqualTo(built.canvasWidth());
        assertThat(animation.canvasHeight()).isEqualTo(built.canvasHeight());
        assertThat(animation.backgroundRgb()).isEqualTo(built.backgroundRgb());
        assertThat(animation.firstFrame()).isEqualTo(built.frame());
        assertThat(animation.firstFrameStill()).isEqualTo(built.firstFrameStill());
    }

    @Property(tries = 300)
    void aDamagedAnimationReadsAsOneAsNoneOrAsDamagedWithAReason(@ForAll("damagedAnimations") byte[] data) {
        try {
            AnimatedWebp.read(data);
        } catch (MediaRejectedException e) {
            assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.CORRUPT);
            assertThat(e.getMessage()).startsWith("the ").isNotBlank();
        }
    }

    @Provide
    Arbitrary<BuiltAnimatedWebp> animations() {
        return BuiltAnimatedWebp.animations();
    }

    /**
     * Damaged anywhere, or only behind the 30 bytes of RIFF and VP8X header that mark an animation:
     * damage anywhere mostly breaks those, and the reader's checks of the frame are behind them.
     */
    @Provide
    Arbitrary<byte[]> damagedAnimations() {
        Arbitrary<byte[]> whole = BuiltAnimatedWebp.animations().map(BuiltAnimatedWebp::bytes);
        Arbitrary<byte[]> behindTheHeader = whole.flatMap(
                bytes -> UploadBytes.damaged(Arbitraries.just(Arrays.copyOfRange(bytes, 30, bytes.length)))
                        .map(tail -> UploadBytes.concat(Arrays.copyOf(bytes, 30), tail)));
        return Arbitraries.oneOf(UploadBytes.damaged(whole), behindTheHeader);
    }
}
