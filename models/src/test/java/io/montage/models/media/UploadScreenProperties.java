package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.EMPTY;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_LONG;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_BYTES;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_PIXELS;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The screen before FFmpeg: an upload passes, or is a {@link MediaRejectedException} with one of
 * the reasons it can know without a decoder and a message; and a declared size over a limit is
 * always rejected for that limit, however large the declaration.
 */
class UploadScreenProperties {

    @Property
    void anyUploadPassesOrIsRejectedWithAReasonAndAMessage(
            @ForAll("uploads") byte[] data, @ForAll("limits") MediaLimits limits) {
        try {
            new UploadScreen(limits).checkBeforeParsing(data);
        } catch (MediaRejectedException e) {
            assertThat(e.reason()).isIn(EMPTY, TOO_MANY_BYTES, TOO_MANY_PIXELS, TOO_LONG, TRUNCATED);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property
    void anImageDeclaringMorePixelsThanTheLimitIsRejectedForThem(
            @ForAll("declaredImages") UploadBytes.DeclaredImage image,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long maxPixels) {
        MediaLimits limits = new MediaLimits(Long.MAX_VALUE, maxPixels, Duration.ofHours(3));
        boolean over = BigInteger.valueOf(image.width())
                        .multiply(BigInteger.valueOf(image.height()))
                        .compareTo(BigInteger.valueOf(maxPixels))
                > 0;

        if (over) {
            MediaRejectedException e = catchThrowableOfType(
                    MediaRejectedException.class, () -> new UploadScreen(limits).checkBeforeParsing(image.bytes()));
            assertThat(e).as("rejection of %s", image).isNotNull();
            assertThat(e.reason()).isEqualTo(TOO_MANY_PIXELS);
            assertThat(e.getMessage())
                    .contains(image.width() + "×" + image.height())
                    .doesNotContain("= -"); // a pixel count, never a wrapped one
        } else {
            assertThatCode(() -> new UploadScreen(limits).checkBeforeParsing(image.bytes()))
                    .doesNotThrowAnyException();
        }
    }

    @Property
    void aWavDeclaringMoreThanTheLimitIsTooLongAndOneCutShortIsTruncated(
            @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long byteRate,
            @ForAll @LongRange(min = 1, max = 0xFFFF_FFFEL) long dataSize,
            @ForAll @IntRange(max = 64) int present,
            @ForAll("durations") Duration maxDuration) {
        MediaLimits limits = new MediaLimits(Long.MAX_VALUE, Long.MAX_VALUE, maxDuration);
        byte[] wav = UploadBytes.wav(byteRate, dataSize, present);
        Duration declared = Duration.of(dataSize * 1_000_000 / byteRate, ChronoUnit.MICROS);

        MediaRejectedException e = catchThrowableOfType(
                MediaRejectedException.class, () -> new UploadScreen(limits).checkBeforeParsing(wav));
        if (declared.compareTo(maxDuration) > 0) {
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(TOO_LONG);
        } else if (present < dataSize) {
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(TRUNCATED);
        } else {
            assertThat(e).isNull();
        }
    }

    @Provide
    Arbitrary<byte[]> uploads() {
        return UploadBytes.any();
    }

    @Provide
    Arbitrary<UploadBytes.DeclaredImage> declaredImages() {
        return UploadBytes.declaredImages();
    }

    /** Limits of any size, the byte limit mostly above the few hundred bytes generated. */
    @Provide
    Arbitrary<MediaLimits> limits() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        durations())
                .as(MediaLimits::new);
    }

    /** From a microsecond to far beyond what fits in a long of nanoseconds (292 years). */
    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .between(1, Long.MAX_VALUE)
                        .map(Duration::ofNanos)
                        .filter(d -> d.toNanos() >= 1000),
                Arbitraries.longs().between(1, 1L << 40).map(Duration::ofSeconds));
    }
}
