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
 * header or "unknown" (empty), in bounded time, and never throw. Headers built to declare a size
 * read back as exactly that size.
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

    @Property
    void anImageHeaderReadsAsTheSizeItDeclares(@ForAll("declaredImages") UploadBytes.DeclaredImage image) {
        assertThat(ImageHeaderReader.read(image.bytes()))
                .contains(new ImageHeader(image.format(), image.width(), image.height(), true));
    }

    @Property
    void aWavHeaderReadsAsItsDataSizeOverItsByteRate(@ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long byteRate,
            @ForAll @LongRange(min = 1, max = 0xFFFF_FFFEL) long dataSize, @ForAll @IntRange(max = 64) int present) {
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
