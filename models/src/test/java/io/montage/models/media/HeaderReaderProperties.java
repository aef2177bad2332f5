package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The header readers look at upload bytes before anything else does: on any bytes they return a
 * header or "unknown" (empty), in bounded time, and never throw (the animated WebP reader rejects
 * a damaged animation with a reason). Headers built to declare a size read back as exactly that
 * size; the audio readers' own round trips are in OggPagesProperties, Id3v2HeaderProperties and
 * MpegAudioFramesProperties.
 */
class HeaderReaderProperties {

    /** Far above what a few kilobytes take to scan; only a reader that loops reaches it. */
    private static final Duration SCAN_LIMIT = Duration.ofSeconds(5);

    @Property
    void anyBytesReadAsAHeaderOrAsUnknownAndNeverThrow(@ForAll("uploads") byte[] data) {
        Optional<ImageHeader> image = assertTimeoutPreemptively(SCAN_LIMIT, () -> ImageHeaderReader.read(data));
        Optional<WavHeader> wav = assertTimeoutPreemptively(SCAN_LIMIT, () -> WavHeaderReader.read(data));

        image.ifPresent(header -> {
            assertThat(header.format()).isIn("png", "jpeg", "gif", "webp");
            assertThat(header.width()).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(header.height()).isBetween(0L, 0xFFFF_FFFFL);
        });
        wav.ifPresent(header -> assertThat(header.durationMicros()).isNotNegative());
    }

    /** What the audio readers make of one upload. */
    private record AudioHeaders(
            Optional<OggPages.TornPage> torn, Optional<Id3v2Header> id3, Optional<MpegAudioFrames> mp3) {}

    @Property(tries = 500)
    void anyBytesReadAsAudioHeadersOrAsUnknownAndNeverThrow(@ForAll("uploads") byte[] data) {
        AudioHeaders read = assertTimeoutPreemptively(
                SCAN_LIMIT,
                () -> new AudioHeaders(OggPages.tornPage(data), Id3v2Header.read(data), MpegAudioFrames.read(data)));

        read.torn().ifPresent(page -> {
            assertThat(page.start()).isBetween(0L, data.length - 1L);
            assertThat(page.size()).isGreaterThanOrEqualTo(27).isGreaterThan(data.length - page.start());
        });
        // Ten header bytes, up to 2^28 - 1 of tag, and perhaps a ten-byte footer.
        read.id3().ifPresent(tag -> assertThat(tag.end()).isBetween(10L, 10L + (1 << 28) - 1 + 10));
        read.mp3().ifPresent(frames -> {
            assertThat(frames.durationMicros()).isNotNegative();
            assertThat(frames.audioEnd()).isBetween(0L, (long) data.length);
            assertThat(frames.trailingBytes()).isBetween(0L, data.length - frames.audioEnd());
            assertThat(frames.lastFrameBytes()).isPositive();
        });
    }

    /** A damaged animation is a rejection for its damage, with a message; nothing else escapes. */
    @Property(tries = 500)
    void anyBytesReadAsAnAnimationAsNoneOrAsDamagedWithAReason(@ForAll("uploads") byte[] data) {
        Object outcome = assertTimeoutPreemptively(SCAN_LIMIT, () -> {
            try {
                return AnimatedWebp.read(data);
            } catch (MediaRejectedException e) {
                return e;
            }
        });

        if (outcome instanceof MediaRejectedException e) {
            assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.CORRUPT);
            assertThat(e.getMessage()).isNotBlank();
        } else if (outcome instanceof Optional<?> animation && animation.isPresent()) {
            AnimatedWebp webp = (AnimatedWebp) animation.get();
            AnimatedWebp.Placement frame = webp.firstFrame();
            assertThat((long) frame.x() + frame.width()).isLessThanOrEqualTo(webp.canvasWidth());
            assertThat((long) frame.y() + frame.height()).isLessThanOrEqualTo(webp.canvasHeight());
            assertThat(webp.firstFrameStill().length).isLessThanOrEqualTo(data.length);
        }
    }

    @Property
    void anImageHeaderReadsAsTheSizeItDeclares(@ForAll("declaredImages") UploadBytes.DeclaredImage image) {
        assertThat(ImageHeaderReader.read(image.bytes()))
                .contains(new ImageHeader(image.format(), image.width(), image.height(), true));
    }

    @Property
    void aWavHeaderReadsAsItsDataSizeOverItsByteRate(
            @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long byteRate,
            @ForAll @LongRange(min = 1, max = 0xFFFF_FFFEL) long dataSize,
            @ForAll @IntRange(max = 64) int present) {
        byte[] wav = UploadBytes.wav(byteRate, dataSize, present);

        assertThat(WavHeaderReader.read(wav))
                .contains(new WavHeader(dataSize * 1_000_000 / byteRate, present >= dataSize));
    }

    @Provide
    Arbitrary<byte[]> uploads() {
        return UploadBytes.any();
    }

    @Provide
    Arbitrary<UploadBytes.DeclaredImage> declaredImages() {
        return UploadBytes.declaredImages();
    }
}
