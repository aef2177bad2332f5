package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.EMPTY;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_LONG;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_BYTES;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_PIXELS;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;
import static io.montage.models.media.MediaRejectedException.Reason.UNRECOGNISED_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegMediaProbeRejectionTest {

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());

    @Test
    void zeroBytesAreEmpty() {
        MediaRejectedException rejection = rejectionOf(probe, new byte[0]);

        assertThat(rejection.reason()).isEqualTo(EMPTY);
        assertThat(rejection.getMessage()).contains("0 bytes");
    }

    @Test
    void randomBytesAreUnrecognisedAndTheMessageListsWhatIsAccepted() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        MediaRejectedException rejection = rejectionOf(probe, noise);

        assertThat(rejection.reason()).isEqualTo(UNRECOGNISED_FORMAT);
        assertThat(rejection.getMessage())
                .contains("not a media format")
                .contains("JPEG, PNG")
                .contains("MP4");
    }

    @Test
    void mp4CutInHalfAfterItsIndexIsTruncated() {
        MediaRejectedException rejection =
                rejectionOf(probe, MediaFixtures.firstHalf(MediaFixtures.bytes("clip-2s-320x240.mp4")));

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage()).contains("cut short").contains("send the complete file");
    }

    @Test
    void mp4CutBeforeItsIndexIsTruncatedAndSaysTheMoovAtomIsMissing() {
        // What a recorder that writes the index last leaves when cut: 'ftyp', then an 'mdat'
        // box of media data running to the end, and no 'moov'.
        byte[] clip = MediaFixtures.bytes("clip-2s-320x240.mp4");
        byte[] media = java.util.Arrays.copyOfRange(clip, clip.length / 5, clip.length / 2);
        byte[] mdat = ByteBuffer.allocate(8 + media.length)
                .putInt(8 + media.length)
                .put("mdat".getBytes(StandardCharsets.US_ASCII))
                .put(media)
                .array();

        MediaRejectedException rejection = rejectionOf(probe, concat(firstBox(clip), mdat));

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage()).contains("'moov'").contains("faststart");
    }

    @Test
    void truncatedJpegAndPngAreTruncated() {
        for (String fixture : new String[] {"sample-text.jpg", "image-320x240.png"}) {
            MediaRejectedException rejection =
                    rejectionOf(probe, MediaFixtures.firstHalf(MediaFixtures.bytes(fixture)));

            assertThat(rejection.reason()).as(fixture).isEqualTo(TRUNCATED);
            assertThat(rejection.getMessage()).as(fixture).contains("cut short");
        }
    }

    @Test
    void jpegWithDamagedScanDataIsCorrupt() {
        byte[] data = MediaFixtures.bytes("sample-text.jpg");
        // Overwrite the middle of the entropy-coded data with markers that cannot occur there.
        for (int i = data.length / 2; i < data.length / 2 + 200; i += 2) {
            data[i] = (byte) 0xFF;
            data[i + 1] = (byte) 0xC4;
        }

        MediaRejectedException rejection = rejectionOf(probe, data);

        assertThat(rejection.reason()).isIn(CORRUPT, TRUNCATED);
        assertThat(rejection.getMessage()).contains("re-");
    }

    @Test
    void mp3CutInHalfIsTruncatedBecauseNoAudioReachesTheDeclaredEnd() {
        MediaRejectedException rejection =
                rejectionOf(probe, MediaFixtures.firstHalf(MediaFixtures.bytes("tone-8s-22k05-mono.mp3")));

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage()).contains("8.0 s").contains("cut short");
    }

    @Test
    void shortMp3AndFlacCutInHalfAreTruncatedNotProbedWithTheirStatedDuration() {
        for (String fixture : new String[] {"tone-1500ms-44k1-mono.mp3", "tone-1500ms-22k05-mono.flac"}) {
            MediaRejectedException rejection =
                    rejectionOf(probe, MediaFixtures.firstHalf(MediaFixtures.bytes(fixture)));

            assertThat(rejection.reason()).as(fixture).isEqualTo(TRUNCATED);
            assertThat(rejection.getMessage())
                    .as(fixture)
                    .contains("header declares a duration of 1.5 s, but its audio ends after")
                    .contains("cut short");
        }
    }

    @Test
    void mp3WithAGarbageTailSaysWhereItsAudioStopsNotThatAHeaderDeclaresADuration() {
        // 1.5 s of 64 kbit/s audio and 228 000 random bytes: FFmpeg estimates 30 s from the size.
        byte[] mp3 = MediaFixtures.bytes("tone-1500ms-44k1-mono.mp3");
        byte[] garbage = new byte[228_000];
        new Random(3).nextBytes(garbage);

        MediaRejectedException rejection = rejectionOf(probe, concat(mp3, garbage));

        assertThat(rejection.reason()).isEqualTo(CORRUPT);
        assertThat(rejection.getMessage())
                .contains("the MP3 file states no duration, and FFmpeg estimates 30.0 s from its size and bitrate")
                .contains("its MP3 frames stop after 1.5 s, at byte " + mp3.length)
                .contains("222.7 KB after them (94% of the file) are not MP3 audio")
                .doesNotContain("declares")
                .doesNotContain("cut short");
    }

    @Test
    void mp3WhoseEstimatedDurationIsOverTheLimitSaysItIsAnEstimate() {
        MediaProbe tenSeconds = new FfmpegMediaProbe(new MediaLimits(100_000_000, 50_000_000, Duration.ofSeconds(10)));

        MediaRejectedException rejection =
                rejectionOf(tenSeconds, concat(MediaFixtures.bytes("tone-1500ms-44k1-mono.mp3"), new byte[228_000]));

        assertThat(rejection.reason()).isEqualTo(TOO_LONG);
        assertThat(rejection.getMessage())
                .startsWith("the MP3 file states no duration, and FFmpeg estimates 30.0 s from its size and bitrate, "
                        + "over the 10.0 s limit (montage.media.max-duration)");
    }

    @Test
    void pngHeaderDeclaringNineHundredMegapixelsIsRejectedWithoutDecoding() {
        MediaRejectedException rejection = rejectionOf(probe, pngHeaderOnly(30_000, 30_000));

        assertThat(rejection.reason()).isEqualTo(TOO_MANY_PIXELS);
        assertThat(rejection.getMessage())
                .contains("PNG header declares 30000×30000 = 900.0 MP")
                .contains("50.0 MP limit (montage.media.max-pixels)");
    }

    @Test
    void jpegOverThePixelLimitIsRejectedFromItsHeader() {
        MediaProbe small = new FfmpegMediaProbe(new MediaLimits(100_000_000, 1_000_000, Duration.ofHours(3)));

        MediaRejectedException rejection =
                rejectionOf(small, MediaFixtures.jpeg(MediaFixtures.photoLike(1920, 1080, 1), 0.8f));

        assertThat(rejection.reason()).isEqualTo(TOO_MANY_PIXELS);
        assertThat(rejection.getMessage()).contains("JPEG header declares 1920×1080 = 2.1 MP");
    }

    @Test
    void videoOverThePixelLimitIsRejectedFromItsStreamHeader() {
        MediaProbe small = new FfmpegMediaProbe(new MediaLimits(100_000_000, 320 * 239, Duration.ofHours(3)));

        MediaRejectedException rejection = rejectionOf(small, MediaFixtures.bytes("clip-2s-320x240.mp4"));

        assertThat(rejection.reason()).isEqualTo(TOO_MANY_PIXELS);
        assertThat(rejection.getMessage()).contains("320×240");
    }

    @Test
    void wavHeaderClaimingTwoHoursIsTooLongThoughTheFileIsSmall() {
        MediaProbe oneHour = new FfmpegMediaProbe(new MediaLimits(100_000_000, 50_000_000, Duration.ofHours(1)));
        byte[] data = wavClaiming(Duration.ofHours(2), 16_000);

        MediaRejectedException rejection = rejectionOf(oneHour, data);

        assertThat(data.length).isLessThan(40_000);
        assertThat(rejection.reason()).isEqualTo(TOO_LONG);
        assertThat(rejection.getMessage())
                .contains("WAV header declares a duration of 2 h 00 min 00 s")
                .contains("montage.media.max-duration");
    }

    @Test
    void wavWhoseDataEndsBeforeItsHeaderSaysIsTruncated() {
        MediaRejectedException rejection = rejectionOf(probe, wavClaiming(Duration.ofSeconds(60), 16_000));

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage()).contains("1 min 00 s");
    }

    @Test
    void uploadOverTheByteLimitIsRejectedBeforeParsing() {
        MediaProbe tiny = new FfmpegMediaProbe(new MediaLimits(1000, 50_000_000, Duration.ofHours(3)));
        byte[] noise = new byte[1001]; // not even media: the size check comes first

        MediaRejectedException rejection = rejectionOf(tiny, noise);

        assertThat(rejection.reason()).isEqualTo(TOO_MANY_BYTES);
        assertThat(rejection.getMessage()).contains("montage.media.max-bytes");
    }

    @Test
    void fileOverTheByteLimitIsRejectedFromItsSize(@TempDir Path dir) throws Exception {
        MediaProbe tiny = new FfmpegMediaProbe(new MediaLimits(1000, 50_000_000, Duration.ofHours(3)));
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[5000]);

        MediaRejectedException rejection = catchThrowableOfType(MediaRejectedException.class, () -> tiny.probe(file));

        assertThat(rejection.reason()).isEqualTo(TOO_MANY_BYTES);
    }

    static MediaRejectedException rejectionOf(MediaProbe probe, byte[] data) {
        MediaRejectedException rejection = catchThrowableOfType(MediaRejectedException.class, () -> probe.probe(data));
        assertThat(rejection).as("expected the upload to be rejected").isNotNull();
        return rejection;
    }

    /** A PNG signature and IHDR chunk (valid CRC) with nothing after it. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .array();
    }

    /** A 16-bit mono PCM WAV whose header declares {@code declared} but which holds one second of silence. */
    static byte[] wavClaiming(Duration declared, int sampleRate) {
        long dataSize = declared.toSeconds() * sampleRate * 2;
        ByteBuffer header = ByteBuffer.allocate(44)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (36 + dataSize))
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(sampleRate)
                .putInt(sampleRate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) dataSize);
        return concat(header.array(), new byte[sampleRate * 2]);
    }

    private static byte[] firstBox(byte[] mp4) {
        int size = ByteBuffer.wrap(mp4, 0, 4).getInt(); // the 'ftyp' box
        return java.util.Arrays.copyOf(mp4, size);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
