package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The past key/values fed to a merged decoder, and the native memory behind them.
 *
 * <p>Step 1 feeds zero-length dummies. Afterwards every {@code past_key_values.*} is fed from the previous
 * step's {@code present.*} — except encoder (cross-attention) KV, which only step 1 computes: on cached steps
 * Optimum's merged graph returns empty constants there (docs/model-exports.md §0.2), so step 1's result is kept open
 * for the whole generation. A later step's result is closed as soon as the step after it has replaced its
 * tensors, and so are reordered copies.
 */
final class KvCache implements AutoCloseable {

    private final OrtEnvironment env;
    private final KvLayout layout;
    private final Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    private final List<AutoCloseable> current = new ArrayList<>();
    private OrtSession.Result firstStep;
    private int pastLength;

    private KvCache(OrtEnvironment env, KvLayout layout) {
        this.env = env;
        this.layout = layout;
    }

    /** Zero-length past tensors for a batch of {@code batch} rows (step 1, {@code use_cache_branch=false}). */
    static KvCache empty(OrtEnvironment env, KvLayout layout, int batch) throws OrtException {
        var cache = new KvCache(env, layout);
        try {
            for (TensorSpec spec : layout.past()) {
                OnnxTensor dummy = FloatTensors.empty(env, spec.type(), KvLayout.emptyShape(spec, batch));
                cache.feeds.put(spec.name(), dummy);
                cache.current.add(dummy);
            }
        } catch (OrtException | RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    /** Inputs to add to the next step's feeds. */
    Map<String, OnnxTensor> feeds() {
        return feeds;
    }

    /** Decoder positions already in the cache; 0 before the first step. */
    int pastLength() {
        return pastLength;
    }

    boolean hasPast() {
        return firstStep != null;
    }

    /**
     * Takes the presents of the step just run (which fed {@link #feeds()}); {@code rowOrder}, when not null,
     * picks for each new row the old row it continues (beam search). Takes ownership of {@code result}.
     */
    void advance(OrtSession.Result result, int stepLength, int[] rowOrder) throws OrtException {
        List<AutoCloseable> replaced = new ArrayList<>(current);
        current.clear();
        boolean first = firstStep == null;
        boolean keepResult = first;
        try {
            for (TensorSpec spec : layout.past()) {
                String name = spec.name();
                if (layout.isEncoderKv(name) && !first) {
                    continue; // cached steps return empty constants here; step 1's stay in place
                }
                OnnxTensor present = present(result, name);
                if (rowOrder != null && !layout.isEncoderKv(name)) {
                    OnnxTensor reordered = FloatTensors.gatherRows(env, present, rowOrder);
                    current.add(reordered);
                    feeds.put(name, reordered);
                } else {
                    feeds.put(name, present);
                    keepResult = true;
                }
            }
            if (first) {
                firstStep = result;
            } else if (keepResult) {
                current.add(result);
            } else {
                result.close();
            }
            pastLength += stepLength;
        } catch (OrtException | RuntimeException e) {
            current.addAll(replaced);
            if (firstStep != result) {
                result.close();
            }
            throw e;
        }
        OwnedResources.closeAll("the KV cache", replaced);
    }

    private static OnnxTensor present(OrtSession.Result result, String pastName) {
        String presentName = KvLayout.presentName(pastName);
        OnnxValue value = result.get(presentName)
                .orElseThrow(() -> new IllegalStateException(
                        "the decoder returned no '" + presentName + "' for input '" + pastName + "'"));
        return (OnnxTensor) value;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(current);
        if (firstStep != null) {
            all.add(firstStep);
        }
        current.clear();
        firstStep = null;
        feeds.clear();
        OwnedResources.closeAll("the KV cache", all);
    }
}
