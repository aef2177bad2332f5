package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * An Ogg stream of whole pages has no torn page, whatever its bodies hold; one cut anywhere is
 * torn at the page it was cut in, with that page's size as far as the bytes left tell it; and
 * the screen rejects exactly the cut ones as truncated.
 */
class OggPagesProperties {

    @Property(tries = 300)
    void wholePagesLeaveNoTornPage(@ForAll("streams") BuiltOggStream stream) {
        assertThat(OggPages.tornPage(stream.bytes())).isEmpty();
    }

    @Property(tries = 500)
    void aStreamCutAnywhereIsTornAtThePageItWasCutIn(
            @ForAll("streams") BuiltOggStream stream,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at) {
        int length = (int) (at * stream.size());
        byte[] cut = Arrays.copyOf(stream.bytes(), length);

        assertThat(OggPages.tornPage(cut))
                .as("cut to %d of %d bytes", length, stream.size())
                .isEqualTo(stream.tornPageWhenCutTo(length));
    }

    @Property(tries = 300)
    void theScreenRejectsAStreamAsTruncatedExactlyWhenItWasCutInsideAPage(
            @ForAll("streams") BuiltOggStream stream, @ForAll @DoubleRange(min = 0, max = 1) double at) {
        int length = Math.max(1, (int) (at * stream.size()));
        byte[] cut = Arrays.copyOf(stream.bytes(), length);
        boolean torn = stream.tornPageWhenCutTo(length).isPresent();

        try {
            new UploadScreen(MediaLimits.defaults()).checkBeforeParsing(cut);
            assertThat(torn)
                    .as("passed though cut inside a page at %d bytes", length)
                    .isFalse();
        } catch (MediaRejectedException e) {
            assertThat(torn).as("rejected though whole: %s", e.getMessage()).isTrue();
            assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.TRUNCATED);
            assertThat(e.getMessage())
                    .startsWith("the Ogg page at byte "
                            + stream.tornPageWhenCutTo(length).get().start());
        }
    }

    @Provide
    Arbitrary<BuiltOggStream> streams() {
        return BuiltOggStream.streams();
    }
}
