package io.montage.models.vision.caption;

import io.montage.models.runtime.ModelOptions;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import java.util.Objects;

/** The captioning options on top of every model's, with each family's defaults. */
abstract class CaptionerOptions<B extends CaptionerOptions<B>> extends ModelOptions<B> {

    CaptionSettings settings;
    ImagePreprocessing preprocessing;

    CaptionerOptions(CaptionSettings settings, ImagePreprocessing preprocessing) {
        this.settings = settings;
        this.preprocessing = preprocessing;
    }

    public B settings(CaptionSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        return self();
    }

    /** Must give a fixed size so that images batch together. */
    public B preprocessing(ImagePreprocessing preprocessing) {
        this.preprocessing = Objects.requireNonNull(preprocessing);
        return self();
    }

    /** The checked setup, and a fixed input size for batching. */
    ModelSetup validate(String defaultModelId) {
        InputTensors.requireFixedSize(preprocessing);
        return setup(defaultModelId);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
