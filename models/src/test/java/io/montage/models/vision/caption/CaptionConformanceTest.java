package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.reference.SharedReference;
import io.montage.models.store.ModelAvailability;
import io.montage.models.store.ModelStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real captioning models on CLIP's test image (shared/reference/CLIP.png: a diagram of the CLIP method). They are
 * Hugging Face only ({@code montage models pull vit-gpt2-image-captioning}, {@code florence-2-base-ft}); each test
 * skips, saying what is missing, where the weights or the image are absent. The assertions are loose on purpose
 * (non-empty English mentioning something diagram-like), tight enough to catch wrong preprocessing or token ids,
 * which give fluent nonsense or nothing.
 */
class CaptionConformanceTest {

    /** What a caption of a block diagram with text boxes plausibly says. */
    private static final String[] DIAGRAM_WORDS = {
        "diagram",
        "chart",
        "graph",
        "text",
        "screen",
        "computer",
        "words",
        "sign",
        "table",
        "box",
        "white",
        "black",
        "picture",
        "display",
        "document",
        "paper",
        "menu"
    };

    @Test
    void vitGpt2CaptionsTheClipDiagram() throws Exception {
        BufferedImage image = referenceImage();
        ModelStore store = availableStore("vit-gpt2-image-captioning");
        try (var captioner = VisionEncoderDecoderCaptioner.builder()
                .files(store.resolve("vit-gpt2-image-captioning"))
                .build()) {
            assertLooksLikeADiagramCaption(captioner.caption(image));
        }
    }

    @Test
    void florence2CaptionsTheClipDiagram() throws Exception {
        BufferedImage image = referenceImage();
        ModelStore store = availableStore("florence-2-base-ft");
        try (var captioner = Florence2Captioner.builder()
                .files(store.resolve("florence-2-base-ft"))
                .build()) {
            assertLooksLikeADiagramCaption(captioner.caption(image));
        }
    }

    private static void assertLooksLikeADiagramCaption(GeneratedCaption caption) {
        System.out.println("CLIP.png caption by " + caption.modelId() + ": " + caption);
        String text = caption.text().toLowerCase(Locale.ROOT);
        assertThat(text).isNotBlank().matches("[a-z0-9 ,.'\\-]+");
        assertThat(text.split(" ")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text).containsAnyOf(DIAGRAM_WORDS);
        assertThat(caption.averageLogProbability()).isNegative().isGreaterThan(-3);
    }

    private static ModelStore availableStore(String modelId) {
        ModelStore store = ModelStore.builder().offline(true).build();
        ModelAvailability availability = store.availability(modelId);
        skipUnless(
                availability instanceof ModelAvailability.Available,
                "needs Hugging Face-only weights: the real "
                        + modelId + " weights are not in the model cache "
                        + store.cacheDirectory() + " (fetch with: montage models pull " + modelId + "): "
                        + availability);
        return store;
    }

    private static BufferedImage referenceImage() throws Exception {
        Path image = SharedReference.file("CLIP.png").orElse(null);
        skipUnless(image != null, SharedReference.absenceReason("CLIP.png"));
        return new FfmpegImageDecoder(MediaLimits.defaults()).decode(Files.readAllBytes(image));
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED captioning conformance: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }
}
