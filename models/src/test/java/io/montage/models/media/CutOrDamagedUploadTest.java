package io.montage.models.media;

import static io.montage.models.media.FfmpegMediaProbeRejectionTest.rejectionOf;
import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;
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
    void oggCutInsideItsFirstAudioPageIsTruncatedNotUnrecognised() {
        // The fixture's pages: 47 and 90 bytes of headers, then audio pages of 7628 and 3950 bytes.
        byte[] cut = Arrays.copyOf(MediaFixtures.bytes("tone-1500ms-48k-stereo.opus"), 5000);

        MediaRejectedException rejection = rejectionOf(probe, cut);

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage())
                .contains("the Ogg page at byte 137 needs 7628 bytes, but the upload ends 4863 bytes into it")
                .contains("cut short");
    }

    @Test
    void oggCutInsideItsLastPageIsTruncatedNotAShorterRecording() {
        byte[] cut = Arrays.copyOf(MediaFixtures.bytes("tone-1500ms-48k-stereo.opus"), 9372);

        MediaRejectedException rejection = rejectionOf(probe, cut);

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage()).contains("the Ogg page at byte 7765 needs 3950 bytes");
    }

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
        assertThat(rejection.getMessage())
                .contains("first bytes as raw FLAC (flac)")
                .contains("cut short");
    }

    @Test
    void uploadCutInsideItsId3v2TagIsTruncated() {
        // An ID3v2.4 header declaring a 4000-byte tag (cover art, say), and only 1000 bytes of it.
        byte[] cut = new byte[1010];
        System.arraycopy(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0x1F, 0x20}, 0, cut, 0, 10);

        MediaRejectedException rejection = rejectionOf(probe, cut);

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage())
                .contains("ID3v2 tag of 3.9 KB")
                .contains("ends after 1010 bytes, inside the tag");
    }

    @Test
    void imagesCutBeforeTheyDeclareTheirSizeAreTruncated() {
        for (String fixture : new String[] {"sample-text.jpg", "image-320x240.png", "image-320x240.webp"}) {
            MediaRejectedException rejection = rejectionOf(probe, Arrays.copyOf(MediaFixtures.bytes(fixture), 20));

            assertThat(rejection.reason()).as(fixture).isEqualTo(TRUNCATED);
            assertThat(rejection.getMessage())
                    .as(fixture)
                    .contains("ends before its header declares its size after 20 bytes");
        }
    }
}
