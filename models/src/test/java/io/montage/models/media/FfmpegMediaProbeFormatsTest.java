package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.vision.hash.PdqHasher;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegMediaProbeFormatsTest {

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());

    @ParameterizedTest(name = "{0} is a {1}x{2} {3} image")
    @CsvSource({
        "sample-text.jpg,    320, 240, jpeg, mjpeg",
        "image-320x240.png,  320, 240, png,  png",
        "image-320x240.webp, 320, 240, webp, webp",
        "image-320x240.gif,  320, 240, gif,  gif",
        "image-320x240.heic, 320, 240, heif, hevc",
    })
    void imagesProbeAsImagesWithTheirDimensions(String fixture, int width, int height, String format, String codec)
            throws Exception {
        MediaInfo info = probe.probe(MediaFixtures.bytes(fixture));

        assertThat(info.kind()).isEqualTo(ContentKind.IMAGE);
        assertThat(info.format()).isEqualTo(format);
        assertThat(info.codec()).isEqualTo(codec);
        assertThat(info.width()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(height);
        assertThat(info.frameCount()).isEqualTo(1);
        assertThat(info.durationMicros()).isNull();
        assertThat(info.perceptualHash()).isNotNull();
        assertThat(info.pdq())
                .as("PDQ of the decoded picture, borders trimmed")
                .isEqualTo(PdqHasher.hash(
                        new FfmpegImageDecoder(MediaLimits.defaults()).decode(MediaFixtures.bytes(fixture)),
                        PdqHasher.Borders.TRIM));
        assertThat(info.pdq().matchable()).isTrue();
    }

    @ParameterizedTest(name = "{0} is {3} Hz, {4} channel(s)")
    @CsvSource({
        "tone-1500ms-16k-stereo.wav,   wav,  pcm_s16le, 16000, 2",
        "tone-1500ms-44k1-mono.mp3,    mp3,  mp3float,  44100, 1",
        "tone-1500ms-48k-stereo.opus,  ogg,  opus,      48000, 2",
        "tone-1500ms-22k05-mono.flac,  flac, flac,      22050, 1",
        "tone-1500ms-44k1-stereo.m4a,  m4a,  aac,       44100, 2",
    })
    void audioProbesAsAudioWithRateChannelsAndDuration(
            String fixture, String format, String codec, int rate, int channels) throws Exception {
        MediaInfo info = probe.probe(MediaFixtures.bytes(fixture));

        assertThat(info.kind()).isEqualTo(ContentKind.AUDIO);
        assertThat(info.format()).isEqualTo(format);
        assertThat(info.codec()).isEqualTo(codec);
        assertThat(info.sampleRate()).isEqualTo(rate);
        assertThat(info.channels()).isEqualTo(channels);
        // Opus adds its pre-skip to the declared length; everything else says exactly 1.5 s.
        assertThat(info.durationMicros()).isBetween(1_490_000L, 1_510_000L);
        assertThat(info.width()).isNull();
        assertThat(info.perceptualHash()).isNull();
        assertThat(info.pdq()).isNull();
    }

    @Test
    void variableBitrateMp3WithoutLengthHeaderProbesWithTheLengthOfItsFrames() throws Exception {
        byte[] mp3 = MediaFixtures.variableBitrateMp3WithoutLengthHeader(8);
        String head = new String(mp3, 0, 4096, StandardCharsets.ISO_8859_1);

        MediaInfo info = probe.probe(mp3);

        assertThat(head).doesNotContain("Xing").doesNotContain("Info").doesNotContain("VBRI");
        assertThat(info.kind()).isEqualTo(ContentKind.AUDIO);
        // 10 s of audio plus the encoder's delay and padding; FFmpeg's size ÷ bitrate says about 25 s.
        assertThat(info.durationMicros()).isBetween(10_000_000L, 10_100_000L);
    }

    @Test
    void tagsAfterTheFramesOfAVariableBitrateMp3AreNotTakenForForeignData() throws Exception {
        byte[] mp3 = MediaFixtures.variableBitrateMp3WithoutLengthHeader(8);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.writeBytes(mp3);
        // Lyrics make the APE tag longer than any frame, so it cannot pass for a torn last frame.
        tagged.writeBytes(apeV2Tag("Lyrics", "la ".repeat(2000)));
        byte[] id3v1 = new byte[128];
        System.arraycopy("TAGA tone".getBytes(StandardCharsets.ISO_8859_1), 0, id3v1, 0, 9);
        tagged.writeBytes(id3v1);

        MediaInfo info = probe.probe(tagged.toByteArray());

        assertThat(info.durationMicros()).isEqualTo(probe.probe(mp3).durationMicros());
    }

    @Test
    void h264ClipProbesAsVideoWithFramesDurationAndSoundTrack() throws Exception {
        MediaInfo info = probe.probe(MediaFixtures.bytes("clip-2s-320x240.mp4"));

        assertThat(info.kind()).isEqualTo(ContentKind.VIDEO);
        assertThat(info.format()).isEqualTo("mp4");
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.durationMicros()).isEqualTo(2_000_000L);
        assertThat(info.frameCount()).isEqualTo(50);
        assertThat(info.sampleRate()).isEqualTo(44100);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.perceptualHash()).isNotNull();
    }

    /** An APEv2 tag of one text item, with its footer and no header (as foobar2000 and mp3gain write it). */
    private static byte[] apeV2Tag(String key, String value) {
        byte[] keyBytes = (key + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer item = ByteBuffer.allocate(8 + keyBytes.length + valueBytes.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(valueBytes.length)
                .putInt(0)
                .put(keyBytes)
                .put(valueBytes);
        ByteBuffer footer = ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put("APETAGEX".getBytes(StandardCharsets.US_ASCII))
                .putInt(2000)
                .putInt(item.capacity() + 32)
                .putInt(1)
                .putInt(0)
                .putLong(0);
        ByteArrayOutputStream tag = new ByteArrayOutputStream();
        tag.writeBytes(item.array());
        tag.writeBytes(footer.array());
        return tag.toByteArray();
    }

    @Test
    void speechDemoClipIsOneMonoOpusUtterance() throws Exception {
        MediaInfo info = probe.probe(MediaFixtures.bytes("speech-montage.ogg"));

        assertThat(info.kind()).isEqualTo(ContentKind.AUDIO);
        assertThat(info.codec()).isEqualTo("opus");
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.durationMicros()).isBetween(1_500_000L, 4_000_000L);
    }

    @Test
    void kindComesFromTheContentNotTheFileName(@TempDir Path dir) throws Exception {
        Path misnamed = dir.resolve("holiday-photo.jpg");
        Files.write(misnamed, MediaFixtures.bytes("tone-1500ms-44k1-mono.mp3"));

        assertThat(probe.probe(misnamed).kind()).isEqualTo(ContentKind.AUDIO);
    }

    @Test
    void sizeAndSha256DescribeTheExactBytes() throws Exception {
        byte[] data = MediaFixtures.bytes("image-320x240.png");

        MediaInfo info = probe.probe(data);

        assertThat(info.sizeBytes()).isEqualTo(data.length);
        assertThat(info.sha256Hex())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void oneImageInDifferentFormatsHasNearlyTheSamePerceptualHash() throws Exception {
        long png = probe.probe(MediaFixtures.bytes("image-320x240.png")).perceptualHash();

        for (String other : new String[] {"sample-text.jpg", "image-320x240.webp", "image-320x240.heic"}) {
            long hash = probe.probe(MediaFixtures.bytes(other)).perceptualHash();
            assertThat(DctPerceptualHash.distance(png, hash)).as(other).isLessThanOrEqualTo(8);
        }
    }
}
