package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A counterexample MpegAudioFramesProperties found, kept as an example. */
class MpegAudioFramesTest {

    @Test
    void aVariableBitrateChainCutInsideALongerFrameEndsInATornFrameNotInForeignData() {
        // MPEG-2.5 layer I at 11025 Hz: a 32 kbit/s frame of 140 bytes, then a 112 kbit/s frame
        // of 488 bytes, cut 144 bytes into it. The leftover was measured against the 140-byte
        // frame before it, so the cut read as foreign data after the audio (CORRUPT, "data was
        // appended") instead of a torn last frame.
        byte[] chain = new byte[140 + 488];
        chain[0] = (byte) 0xFF;
        chain[1] = (byte) 0xE7;
        chain[2] = 0x12;
        chain[140] = (byte) 0xFF;
        chain[141] = (byte) 0xE7;
        chain[142] = 0x72;

        MpegAudioFrames frames = MpegAudioFrames.read(Arrays.copyOf(chain, 284)).orElseThrow();

        assertThat(frames.audioEnd()).isEqualTo(140);
        assertThat(frames.trailingBytes()).isEqualTo(144);
        assertThat(frames.lastFrameBytes()).isEqualTo(488);
        assertThat(frames.reachesEnd()).isTrue();
    }
}
