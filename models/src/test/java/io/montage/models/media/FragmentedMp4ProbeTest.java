package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A fragmented MP4 (index in fragments, no frame count in its header) probes as video, not as a failure. */
class FragmentedMp4ProbeTest {

    @Test
    void aVideoWithoutADeclaredFrameCountProbesWithNoFrameCount() throws MediaRejectedException {
        byte[] clip = SyntheticClip.mp4(SyntheticClip.threeScenes(), 160, 120);

        MediaInfo info = new FfmpegMediaProbe(MediaLimits.defaults()).probe(clip);

        assertThat(info.kind()).isEqualTo(ContentKind.VIDEO);
        assertThat(info.frameCount()).isNull();
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.durationMicros()).isBetween(8_900_000L, 9_100_000L);
    }
}
