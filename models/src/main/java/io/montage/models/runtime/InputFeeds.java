package io.montage.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named input tensors of one model run, owning them: every tensor put here is closed with it,
 * also when building a later one or the run fails, so a caller writes one try-with-resources
 * instead of a map, a {@code finally} and a loop that closes it (ONNX Runtime tensors hold native
 * memory the garbage collector does not see).
 */
public final class InputFeeds implements AutoCloseable {

    private final OrtEnvironment environment;
    private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    private final Set<String> borrowed = new HashSet<>();

    public InputFeeds(OrtEnvironment environment) {
        this.environment = environment;
    }

    /** Takes ownership of {@code tensor}; a second tensor under the same name is refused, and closed. */
    public InputFeeds put(String name, OnnxTensor tensor) {
        if (tensors.putIfAbsent(name, tensor) != null) {
            tensor.close();
            throw new IllegalArgumentException("input '" + name + "' is already fed");
        }
        return this;
    }

    /**
     * Feeds a tensor that stays its owner's (a KV cache's past, encoder states shared by every step):
     * not closed with these feeds. A name already fed is refused.
     */
    public InputFeeds borrow(String name, OnnxTensor tensor) {
        if (tensors.putIfAbsent(name, tensor) != null) {
            throw new IllegalArgumentException("input '" + name + "' is already fed");
        }
        borrowed.add(name);
        return this;
    }

    /** Borrows every tensor of {@code owned}, by its name ({@link #borrow}). */
    public InputFeeds borrowAll(Map<String, OnnxTensor> owned) {
        owned.forEach(this::borrow);
        return this;
    }

    /** An int64 tensor of {@code shape} over {@code values} (token ids, masks). */
    public InputFeeds longs(String name, long[] values, long[] shape) throws OrtException {
        return put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape));
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** The tensors by input name, for {@link ModelSession#run}; still owned by these feeds or their lenders. */
    public Map<String, OnnxTensor> byName() {
        return Collections.unmodifiableMap(tensors);
    }

    @Override
    public void close() {
        tensors.forEach((name, tensor) -> {
            if (!borrowed.contains(name)) {
                tensor.close();
            }
        });
        tensors.clear();
        borrowed.clear();
    }
}
