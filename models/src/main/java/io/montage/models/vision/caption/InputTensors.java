package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.montage.models.generation.FloatTensors;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.PixelValues;
import io.montage.models.vision.preprocess.ResizeTarget;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;

/** Feeds built in the type each session declares for the input (fp16 exports may have fp16 I/O, docs/model-exports.md §0.1). */
final class InputTensors {

    private InputTensors() {}

    static TensorSpec require(ModelSession session, String input, String fileHint) {
        TensorSpec spec = session.inputs().get(input);
        if (spec == null) {
            throw new IllegalArgumentException("model '" + session.modelId() + "' has no input '" + input
                    + "' (inputs: " + session.inputs().keySet() + "); is this " + fileHint + "?");
        }
        return spec;
    }

    static void requireOutput(ModelSession session, String output, String fileHint) {
        if (!session.outputs().containsKey(output)) {
            throw new IllegalArgumentException("model '" + session.modelId() + "' has no output '" + output
                    + "' (outputs: " + session.outputs().keySet() + "); is this " + fileHint + "?");
        }
    }

    /** {@code pixel_values} [images, 3, H, W]; every image must have the same size. */
    static OnnxTensor pixels(ModelSession session, String input, List<PixelValues> images) throws OrtException {
        PixelValues first = images.get(0);
        float[] stacked = new float[first.length() * images.size()];
        for (int i = 0; i < images.size(); i++) {
            PixelValues image = images.get(i);
            if (image.length() != first.length()) {
                throw new IllegalStateException("images in one batch must share a tensor size; got " + image.height()
                        + "x" + image.width() + " and " + first.height() + "x" + first.width());
            }
            System.arraycopy(image.chw(), 0, stacked, i * first.length(), first.length());
        }
        long[] shape = {images.size(), first.channels(), first.height(), first.width()};
        return FloatTensors.create(
                session.environment(), session.inputs().get(input).type(), stacked, shape);
    }

    /** Integer ids or masks in the declared int64 or int32. */
    static OnnxTensor integers(ModelSession session, String input, long[] values, long... shape) throws OrtException {
        OrtEnvironment env = session.environment();
        if (session.inputs().get(input).type() == OnnxJavaType.INT32) {
            int[] narrow = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                narrow[i] = Math.toIntExact(values[i]);
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    static OnnxTensor floats(ModelSession session, String input, float[] values, long... shape) throws OrtException {
        return FloatTensors.create(
                session.environment(), session.inputs().get(input).type(), values, shape);
    }

    /** Images batch together only when the preprocessing gives one tensor size. */
    static void requireFixedSize(ImagePreprocessing preprocessing) {
        if (preprocessing.centerCrop() == null && !(preprocessing.resize() instanceof ResizeTarget.Exact)) {
            throw new IllegalArgumentException(
                    "captioning preprocessing must give a fixed size (a centre crop or an exact resize)"
                            + " so images batch together; got " + preprocessing);
        }
    }
}
