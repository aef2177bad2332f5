package io.montage.models.vision.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published PDQ test vectors: images from facebook/ThreatExchange {@code pdq/data} (BSD
 * licence, copied under src/test/resources/vision/pdq) with the hashes its reference test
 * {@code pdq/python/pdqhashing/tests/pdq_test.py} expects. ThreatExchange calls an implementation
 * correct when hashes of quality ≥ 80 are within 10 bits of the reference, because JPEG decoders
 * differ; decoded by Java's ImageIO, these come out identical.
 */
class PdqReferenceVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "small.jpg, 0007001f003f003f007f00ff00ff00ff01ff01ff01ff03ff03ff03ff03ff03ff",
        "wee.jpg,   6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d",
        "q0004.jpg, 992d44af36d69e6ca6b812585928bac11def254ef5398c6d07466c9abcc65b92",
        "q0122.jpg, cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940",
        "q0291.jpg, a0fe94f1e5cc1cc8dd855948498dc9243f7ca27336f036d7f212b74bc103c9a7",
        "q0746.jpg, 1049d96239e24d4dca2c55512b8bdb77425f4dbcf575a0a95555aaab5554aaaa",
        "q1050.jpg, 489db672e9190276d452aeab41eba20f02375fe4092d88defdf491a5c55c5f70",
        "q2821.jpg, b150231ffae4710ffcf4f18bb574b109a576f14bb8543189f8743289f174b109",
    })
    void hashesThePublishedImagesToThePublishedHashes(String file, String expected) {
        assertThat(PdqHasher.hash(picture(file)).hash().toHex()).isEqualTo(expected);
    }

    /**
     * q0003 is almost featureless (quality 3): its bits sit on the median and any difference in
     * decoding flips some. The reference's own test allows 16 bits for every image.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource("q0003.jpg, 54a977c221d14c1c43ba5e6e21d4a13989a3553f1462611cbb85fda7be83b677")
    void aFeaturelessImageIsWithinTheReferenceTolerance(String file, String expected) {
        PdqResult result = PdqHasher.hash(picture(file));

        assertThat(result.hash().distance(PdqHash.fromHex(expected))).isLessThanOrEqualTo(16);
        assertThat(result.matchable()).isFalse();
    }

    @ParameterizedTest(name = "{0} quality {1}")
    @CsvSource({"wee.jpg, 100", "q0122.jpg, 100", "q0004.jpg, 4", "small.jpg, 0"})
    void qualityScoresFeaturelessImagesLowAndDetailedOnesHigh(String file, int quality) {
        assertThat(PdqHasher.hash(picture(file)).quality()).isEqualTo(quality);
    }

    static BufferedImage picture(String file) {
        try (InputStream in = PdqReferenceVectorsTest.class.getResourceAsStream("/vision/pdq/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test image vision/pdq/" + file);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
