package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A scene's text: its keyframe's lines, then each line first seen later in the scene, once. */
class SceneTextTest {

    @Test
    void linesSeenLaterAreAddedOnceAfterTheKeyframes() {
        assertThat(SceneText.merged("HARBOUR\nopen daily", List.of("Harbour", "TIDE", "open  daily", "TIDE", "ferry")))
                .isEqualTo("HARBOUR\nopen daily\nTIDE\nferry");
    }

    @Test
    void aKeyframeWithoutTextTakesTheLinesSeenLater() {
        assertThat(SceneText.merged("", List.of("TIDE"))).isEqualTo("TIDE");
        assertThat(SceneText.merged(null, List.of("TIDE"))).isEqualTo("TIDE");
    }

    @Test
    void nothingReadStaysAsTheKeyframeLeftIt() {
        assertThat(SceneText.merged(null, List.of())).isNull();
        assertThat(SceneText.merged("", List.of())).isEmpty();
        assertThat(SceneText.merged("HARBOUR", List.of())).isEqualTo("HARBOUR");
    }
}
