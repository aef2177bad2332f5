package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import io.montage.models.vision.preprocess.PixelValues;
import java.util.List;

/** The half of a captioning model that reads the images: pixels in, the decoder's {@code encoder_hidden_states} out. */
sealed interface CaptionEncoder permits VitEncoder, Florence2Encoder {

    /** Encoder hidden states [images, sequence, hidden], one row per image in order; the caller closes them. */
    OnnxTensor encode(List<PixelValues> images) throws OrtException;
}
