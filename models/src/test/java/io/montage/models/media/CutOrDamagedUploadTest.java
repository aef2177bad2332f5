package io.montage.models.media;

import static io.montage.models.media.FfmpegMediaProbeRejectionTest.rejectionOf;
import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * A cut upload is called cut short where its format shows the cut, and a recognisable but broken
 * one is never "not a media format": the rejection says what FFmpeg took it for.
 */
class CutOrDamagedUploadTest {

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());

    @Test
    void oggWithDamagedHeaderPagesIsCorruptAndNamedAsOgg() {
        byte[] damaged = MediaFixtures.bytes("tone-1500ms-48k-stereo.opus");
        Arrays.fill(damaged, 40, 120, (byte) 0xA5);

        MediaRejectedException rejection = rejectionOf(probe, damaged);

        assertThat(rejection.reason()).isEqualTo(CORRUPT);
        assertThat(rejection.getMessage())
                .startsWith("FFmpeg recognises the upload's first bytes as Ogg (ogg), but could not read its headers")
                .contains("CRC mismatch");
    }

    @Test
    void flacCutInsideItsMetadataIsNamedAsFlacNotUnrecognised() {
        byte[] cut = Arrays.copyOf(MediaFixtures.bytes("tone-1500ms-22k05-mono.flac"), 1000);

        MediaRejectedException rejection = rejectionOf(probe, cut);

        assertThat(rejection.reason()).isEqualTo(CORRUPT);
        assertThat(rejection.getMessage()).contains("first bytes as raw FLAC (flac)").contains("cut short");
    }
}
