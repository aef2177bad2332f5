package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegAudioDecoderTest {

    /** One 20 ms frame at 16 kHz: the tolerance the speech models care about. */
    private static final int ONE_FRAME = 320;

    private final AudioDecoder decoder = new FfmpegAudioDecoder(MediaLimits.defaults());

    @ParameterizedTest(name = "{0} decodes to {1} samples at 16 kHz mono")
    @CsvSource({
        "tone-300ms-44k1-mono.wav,      4800",
        "tone-1500ms-16k-stereo.wav,   24000",
        "tone-1500ms-44k1-mono.mp3,    24000",
        "tone-1500ms-48k-stereo.opus,  24000",
        "tone-1500ms-22k05-mono.flac,  24000",
        "tone-1500ms-44k1-stereo.m4a,  24000",
    })
    void decodesToSixteenKilohertzMonoOfTheClipsLength(String fixture, int expectedSamples) throws Exception {
        float[] pcm = decoder.decodeMono16k(MediaFixtures.bytes(fixture));

        assertThat(pcm.length).isBetween(expectedSamples - ONE_FRAME, expectedSamples + ONE_FRAME);
    }

    @Test
    void shortClipKeepsItsLastSamplesBecauseTheResamplerIsFlushed() throws Exception {
        float[] pcm = decoder.decodeMono16k(MediaFixtures.bytes("tone-300ms-44k1-mono.wav"));

        // Without the flush the filter's delay (~1.5 ms at 44.1→16 kHz) is missing from the end.
        assertThat(pcm.length).isBetween(4800 - 8, 4800 + 8);
        assertThat(Math.abs(pcm[pcm.length - 40])).isGreaterThan(0.0f);
    }

    @Test
    void stereoDownmixAveragesTheChannelsSoIdenticalChannelsKeepTheirLevel() throws Exception {
        byte[] wav = MediaFixtures.bytes("tone-1500ms-16k-stereo.wav");

        float[] pcm = decoder.decodeMono16k(wav);

        // The fixture's two channels are the same tone; a plain sum would double it (and clip at full scale).
        assertThat(peak(pcm)).isCloseTo(leftChannelPeak(wav), org.assertj.core.data.Offset.offset(0.002f));
    }

    private static float peak(float[] pcm) {
        float peak = 0;
        for (float sample : pcm) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    private static float leftChannelPeak(byte[] wav) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int data = new String(wav, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data") + 8;
        float peak = 0;
        for (int i = data; i + 4 <= wav.length; i += 4) {
            peak = Math.max(peak, Math.abs(buffer.getShort(i) / 32768f));
        }
        return peak;
    }

    @Test
    void videoSoundTrackDecodes() throws Exception {
        float[] pcm = decoder.decodeMono16k(MediaFixtures.bytes("clip-2s-320x240.mp4"));

        assertThat(pcm.length).isBetween(32000 - 2 * ONE_FRAME, 32000 + 2 * ONE_FRAME);
    }

    @Test
    void imageHasNoAudioToDecode() {
        MediaRejectedException rejection = catchThrowableOfType(
                MediaRejectedException.class, () -> decoder.decodeMono16k(MediaFixtures.bytes("image-320x240.png")));

        assertThat(rejection.reason()).isEqualTo(MediaRejectedException.Reason.UNSUPPORTED);
        assertThat(rejection.getMessage()).contains("no audio stream");
    }
}
