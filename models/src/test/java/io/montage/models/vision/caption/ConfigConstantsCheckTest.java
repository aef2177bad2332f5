package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.catalog.ConfigConstants;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's own generation_config.json and preprocessor_config.json are held to the constants Montage runs it with.
 * The accepted files carry the published values (onnx-community/Florence-2-base-ft, Xenova/vit-gpt2-image-captioning,
 * Xenova/clip-vit-base-patch32 config files); one changed value each is refused.
 */
class ConfigConstantsCheckTest {

    private static final String FLORENCE_GENERATION = """
            {"bos_token_id": 0, "decoder_start_token_id": 2, "early_stopping": true, "eos_token_id": 2,
             "forced_bos_token_id": 0, "forced_eos_token_id": 2, "no_repeat_ngram_size": 3, "num_beams": 3, "pad_token_id": 1}""";
    private static final String FLORENCE_PREPROCESSOR = """
            {"do_center_crop": false, "do_normalize": true, "do_rescale": true, "do_resize": true,
             "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225], "resample": 3,
             "rescale_factor": 0.00392156862745098, "size": {"height": 768, "width": 768}, "image_seq_length": 577}""";

    @TempDir
    Path dir;

    @Test
    void florence2sPublishedConfigsAreAccepted() throws Exception {
        assertThatCode(() -> Florence2Captioner.requireConfigConstants(
                        florence(FLORENCE_GENERATION, FLORENCE_PREPROCESSOR), ImagePreprocessing.FLORENCE_2))
                .doesNotThrowAnyException();
    }

    @Test
    void aDifferentDecoderStartTokenIsRefusedWithTheKeyAndBothValues() throws Exception {
        ModelFiles files = florence(
                FLORENCE_GENERATION.replace("\"decoder_start_token_id\": 2", "\"decoder_start_token_id\": 0"),
                FLORENCE_PREPROCESSOR);
        assertThatThrownBy(() -> Florence2Captioner.requireConfigConstants(files, ImagePreprocessing.FLORENCE_2))
                .hasMessageContaining("generation_config.json")
                .hasMessageContaining("decoder_start_token_id is 0, Montage is built for 2")
                .hasMessageContaining("pull the model again");
    }

    @Test
    void aDifferentNormalisationIsRefused() throws Exception {
        ModelFiles files = florence(
                FLORENCE_GENERATION, FLORENCE_PREPROCESSOR.replace("[0.229, 0.224, 0.225]", "[0.5, 0.5, 0.5]"));
        assertThatThrownBy(() -> Florence2Captioner.requireConfigConstants(files, ImagePreprocessing.FLORENCE_2))
                .hasMessageContaining("image_std is [0.5,0.5,0.5]");
    }

    @Test
    void vitGpt2AndClipPublishedPreprocessingMatchTheirPresets() throws Exception {
        Path vit = Files.writeString(dir.resolve("vit.json"), """
                {"do_normalize": true, "do_resize": true, "feature_extractor_type": "ViTFeatureExtractor",
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 2, "size": 224}""");
        Path clip = Files.writeString(dir.resolve("clip.json"), """
                {"crop_size": 224, "do_center_crop": true, "do_normalize": true, "do_resize": true,
                 "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
                 "resample": 3, "rescale_factor": 0.00392156862745098, "size": {"shortest_edge": 224}}""");
        assertThatCode(() -> ConfigConstants.require("vit", vit, ImagePreprocessing.VIT_GPT2.configConstants()))
                .doesNotThrowAnyException();
        assertThatCode(() -> ConfigConstants.require("clip", clip, ImagePreprocessing.CLIP.configConstants()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConfigConstants.require("vit", vit, ImagePreprocessing.CLIP.configConstants()))
                .hasMessageContaining("resample is 2, Montage is built for 3");
    }

    private ModelFiles florence(String generation, String preprocessor) throws Exception {
        Files.writeString(dir.resolve("generation_config.json"), generation);
        Files.writeString(dir.resolve("preprocessor_config.json"), preprocessor);
        var spec = new ModelSpec(
                "florence-2-test",
                "image-captioning",
                "config files only",
                "MIT",
                List.of(
                        new ModelFile("generation_config.json", null, null),
                        new ModelFile("preprocessor_config.json", null, null)),
                List.of(),
                Map.of());
        return new ModelFiles(spec, dir);
    }
}
