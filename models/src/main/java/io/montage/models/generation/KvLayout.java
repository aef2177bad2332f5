package io.montage.models.generation;

import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The KV-cache inputs a merged decoder declares, in either Optimum naming scheme (docs/model-exports.md §0.2):
 * encoder-decoder {@code past_key_values.{i}.decoder|encoder.key|value} or decoder-only
 * {@code past_key_values.{i}.key|value}. Each past input is fed from the output of the same name with
 * {@code present.} in place of {@code past_key_values.}.
 *
 * @param past        every past input, in the session's order
 * @param encoderPast the subset holding cross-attention (encoder) KV: computed on step 1 only, then reused
 */
public record KvLayout(List<TensorSpec> past, List<String> encoderPast) {

    static final String PAST_PREFIX = "past_key_values.";
    static final String PRESENT_PREFIX = "present.";
    private static final Pattern ENCODER_DECODER =
            Pattern.compile("past_key_values\\.\\d+\\.(decoder|encoder)\\.(key|value)");
    private static final Pattern DECODER_ONLY = Pattern.compile("past_key_values\\.\\d+\\.(key|value)");

    public KvLayout {
        past = List.copyOf(past);
        encoderPast = List.copyOf(encoderPast);
    }

    /** Reads the layout from the session; fails naming the input when a past name fits neither scheme or lacks its present. */
    public static KvLayout of(ModelSession decoder) {
        var past = new ArrayList<TensorSpec>();
        var encoder = new ArrayList<String>();
        for (TensorSpec spec : decoder.inputs().values()) {
            String name = spec.name();
            if (!name.startsWith(PAST_PREFIX)) {
                continue;
            }
            var encoderDecoder = ENCODER_DECODER.matcher(name);
            if (!encoderDecoder.matches() && !DECODER_ONLY.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "model '" + decoder.modelId() + "': KV input '" + name
                                + "' matches neither past_key_values.{i}.decoder|encoder.key|value nor past_key_values.{i}.key|value");
            }
            if (!decoder.outputs().containsKey(presentName(name))) {
                throw new IllegalArgumentException("model '" + decoder.modelId() + "': KV input '" + name
                        + "' has no output '" + presentName(name) + "' to feed it from; outputs are "
                        + decoder.outputs().keySet());
            }
            past.add(spec);
            if (encoderDecoder.matches() && encoderDecoder.group(1).equals("encoder")) {
                encoder.add(name);
            }
        }
        return new KvLayout(past, encoder);
    }

    public boolean isEmpty() {
        return past.isEmpty();
    }

    public boolean isEncoderKv(String pastName) {
        return encoderPast.contains(pastName);
    }

    public static String presentName(String pastName) {
        return PRESENT_PREFIX + pastName.substring(PAST_PREFIX.length());
    }

    /**
     * The step-1 dummy shape, as transformers.js {@code addPastKeyValues} resolves it: the batch axis becomes
     * {@code batch}, every other dynamic axis 0, fixed axes stay as declared.
     */
    static long[] emptyShape(TensorSpec spec, int batch) {
        long[] shape = spec.shape();
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] < 0) {
                shape[axis] = axis == 0 ? batch : 0;
            }
        }
        return shape;
    }
}
