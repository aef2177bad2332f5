package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Property(tries = 300)
    void anAnimationReadsBackAsItsCanvasAndFirstFrame(@ForAll("animations") BuiltAnimatedWebp built)
            throws MediaRejectedException {
        AnimatedWebp animation = AnimatedWebp.read(built.bytes()).orElseThrow();

        assertThat(animation.canvasWidth()).isEqualTo(built.canvasWidth());
        assertThat(animation.canvasHeight()).isEqualTo(built.canvasHeight());
        assertThat(animation.backgroundRgb()).isEqualTo(built.backgroundRgb());
        assertThat(animation.firstFrame()).isEqualTo(built.frame());
        assertThat(animation.firstFrameStill()).isEqualTo(built.firstFrameStill());
    }

    @Property(tries = 500)
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

    @Provide
    Arbitrary<byte[]> damagedAnimations() {
        return UploadBytes.damaged(BuiltAnimatedWebp.animations().map(BuiltAnimatedWebp::bytes));
    }
}
