package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.vision.hash.Dihedral;
import io.montage.models.vision.hash.PdqDihedralHashes;
import io.montage.models.vision.hash.PdqHasher;
import io.montage.models.vision.hash.PdqResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The probe hashes large pictures at 512 pixels a side, as ThreatExchange's tools do: the hash stays
 * within a few bits of PDQ at full size, far inside the 31 that matching allows.
 */
class ProbePdqTest {

    @Test
    void aLargePictureHashesWithinAFewBitsOfPdqAtFullSize() throws Exception {
        BufferedImage photo = photoLike(2400, 1600);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(photo, "png", png);

        PdqResult probed = new FfmpegMediaProbe(MediaLimits.defaults())
                .probe(png.toByteArray())
                .pdq();
        PdqResult full = PdqHasher.hash(photo, PdqHasher.Borders.TRIM);

        assertThat(probed.hash().distance(full.hash())).isLessThanOrEqualTo(12);
        assertThat(probed.quality()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aReferenceListHashesTheDecodedPictureAsTheProbeDoesAndItsTurnsFromTheSameDct() throws Exception {
        BufferedImage photo = photoLike(1200, 800);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(photo, "png", png);
        BufferedImage decoded = new FfmpegImageDecoder(MediaLimits.defaults()).decode(png.toByteArray());

        PdqResult probed = new FfmpegMediaProbe(MediaLimits.defaults())
                .probe(png.toByteArray())
                .pdq();
        PdqDihedralHashes turns = ProbePdq.dihedral(decoded);

        assertThat(ProbePdq.of(decoded)).isEqualTo(probed);
        assertThat(turns.of(Dihedral.ORIGINAL)).isEqualTo(probed.hash());
        assertThat(turns.quality()).isEqualTo(probed.quality());
        assertThat(turns.of(Dihedral.FLIP_Y).distance(probed.hash())).isGreaterThan(64);
    }

    @Test
    void aPictureThatFitsIsHashedAsItIs() {
        BufferedImage small = photoLike(512, 300);

        assertThat(ScaledToFit.of(small, 512)).isSameAs(small);
        assertThat(ScaledToFit.of(photoLike(1024, 300), 512).getWidth()).isEqualTo(512);
        assertThat(ScaledToFit.of(photoLike(1024, 300), 512).getHeight()).isEqualTo(150);
    }

    private static BufferedImage photoLike(int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        Random random = new Random(width * 31L + height);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int w = width / 8 + random.nextInt(width / 3);
            int h = height / 8 + random.nextInt(height / 3);
            if (i % 2 == 0) {
                g.fillOval(random.nextInt(width) - w / 2, random.nextInt(height) - h / 2, w, h);
            } else {
                g.fillRect(random.nextInt(width) - w / 2, random.nextInt(height) - h / 2, w, h);
            }
        }
        g.dispose();
        return picture;
    }
}
