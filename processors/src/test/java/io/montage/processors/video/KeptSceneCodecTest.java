package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.video.SceneCues;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptSceneCodecTest {

    @Test
    void aKeptSceneReadsBackAsItWasWritten() {
        KeptScene scene = new KeptScene(
                new SceneCues.Scene(7, 3_500_000, 6_000_000, null, "MARKET", List.of("a photo of a market")),
                new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2});

        KeptScene read = KeptSceneCodec.decode(KeptSceneCodec.encode(scene));

        assertThat(read.cue()).isEqualTo(scene.cue());
        assertThat(read.keyframe()).containsExactly(scene.keyframe());
    }
}
