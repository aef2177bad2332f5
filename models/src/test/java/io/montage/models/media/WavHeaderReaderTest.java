package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A counterexample HeaderReaderProperties found, kept as an example. */
class WavHeaderReaderTest {

    @Test
    void aChunkDeclaringNearlyTwoGibibytesEndsTheHeaderWalkInsteadOfThrowing() {
        // The position was clamped to Integer.MAX_VALUE, then position + 8 wrapped negative and
        // the walk read at offset 2147483640: StringIndexOutOfBoundsException.
        byte[] wav = "RIFF\0\0\0\0WAVEfmt \u00e3\u00ff\u00ff\u007f".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(WavHeaderReader.read(wav)).isEmpty();
    }
}
