package io.montage.models.media;

import static io.montage.models.media.FfmpegMediaProbeRejectionTest.rejectionOf;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An image is complete when its structure reaches its end marker, wherever that lies: data
 * appended after it (a ZIP, as in a polyglot file) leaves the picture whole, and a cut before it
 * is still a cut.
 */
class FfmpegMediaProbeEndMarkerTest {

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());

    @ParameterizedTest(name = "{0} followed by a ZIP is probed as the picture it holds")
    @ValueSource(strings = {"image-320x240.png", "image-320x240.gif"})
    void imageFollowedByAZipIsProbedAsThePictureItHolds(String fixture) throws Exception {
        byte[] image = MediaFixtures.bytes(fixture);
        byte[] polyglot = concat(image, zipOf("payload.txt", "a ZIP appended to the picture ".repeat(40)));

        MediaInfo info = probe.probe(polyglot);

        assertThat(info.kind()).isEqualTo(ContentKind.IMAGE);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.perceptualHash()).isEqualTo(probe.probe(image).perceptualHash());
        // Size and digest describe every byte of the upload, the appended ones included.
        assertThat(info.sizeBytes()).isEqualTo(polyglot.length);
    }

    @ParameterizedTest(name = "{0} cut in half is truncated")
    @ValueSource(strings = {"image-320x240.png", "image-320x240.gif"})
    void imageCutBeforeItsEndMarkerIsStillTruncated(String fixture) {
        MediaRejectedException rejection = rejectionOf(probe, MediaFixtures.firstHalf(MediaFixtures.bytes(fixture)));

        assertThat(rejection.reason()).isEqualTo(TRUNCATED);
        assertThat(rejection.getMessage())
                .contains("ends before its end marker")
                .contains("cut short");
    }

    private static byte[] zipOf(String name, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
