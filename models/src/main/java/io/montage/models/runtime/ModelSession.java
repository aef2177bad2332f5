package io.montage.models.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One loaded ONNX model: created once, warmed up, shared by every thread (ONNX Runtime sessions are
 * thread-safe for {@code run}), and closed once on shutdown.
 */
public final class ModelSession implements AutoCloseable {

    private final String modelId;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Device device;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final CpuBudget budget;
    private final int permits;
    private final Set<String> operators;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelSession(
            String modelId,
            OrtEnvironment environment,
            OrtSession session,
            Device device,
            CpuBudget budget,
            int permits,
            Set<String> operators)
            throws OrtException {
        this.modelId = modelId;
        this.environment = environment;
        this.session = session;
        this.device = device;
        this.budget = budget;
        this.permits = permits;
        this.operators = Set.copyOf(operators);
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    public String modelId() {
        return modelId;
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** The device the session actually runs on (for {@code auto}: what it resolved to). */
    public Device device() {
        return device;
    }

    /** Inputs in the model's declared order. */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    /** Outputs in the model's declared order. */
    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /** The operator types the file's graph uses, subgraphs included ({@link OnnxOperators}). */
    public Set<String> operators() {
        return operators;
    }

    /**
     * Whether the graph quantises activations at run time ({@code DynamicQuantizeLinear}, ORT's dynamic quantisation,
     * the {@code _quantized}/{@code _int8}/{@code _uint8} exports): one scale over the whole tensor, batch and padding
     * included, so a row's output depends on the other rows of its batch. Such a model must run one item at a time
     * wherever results have to be reproducible.
     */
    public boolean dynamicallyQuantized() {
        return operators.contains(OnnxOperators.DYNAMIC_QUANTIZE_LINEAR);
    }

    public boolean hasInput(String name) {
        return inputs.containsKey(name);
    }

    /**
     * Runs the model once its share of the CPU budget is free; the caller closes the result
     * (try-with-resources).
     */
    public OrtSession.Result run(InputFeeds feeds) throws OrtException {
        return run(feeds.byName());
    }

    /** Like {@link #run(InputFeeds)}, with tensors the caller owns and closes. */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> feeds) throws OrtException {
        if (closed.get()) {
            throw new IllegalStateException(
                    "model session '" + modelId + "' is closed; it was shut down before this request");
        }
        try (CpuBudget.Hold hold = budget.acquire(permits)) {
            return session.run(feeds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("model session '" + modelId + "': interrupted while waiting for CPU", e);
        }
    }

    /** Intra-op threads of each run (1 on a GPU): the permits a run takes from the CPU budget. */
    public int threadsPerRun() {
        return permits;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing model session '" + modelId + "' failed: " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> infos) {
        var specs = new LinkedHashMap<String, TensorSpec>();
        infos.forEach((name, info) -> {
            if (info.getInfo() instanceof TensorInfo t) {
                specs.put(name, new TensorSpec(name, t.type, t.getShape()));
            }
        });
        return Collections.unmodifiableMap(specs);
    }
}
