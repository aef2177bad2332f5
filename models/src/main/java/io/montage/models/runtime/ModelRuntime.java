package io.montage.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link ModelSession}s on the process-wide {@link OrtEnvironment} with one set of
 * {@link RuntimeSettings}. Every session is warmed up before it is returned, and every run of it
 * holds its share of the process's {@link CpuBudget}.
 */
public final class ModelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRuntime.class);

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final RuntimeSettings settings;
    private final CpuBudget budget;

    public ModelRuntime(RuntimeSettings settings) {
        this.settings = settings;
        this.budget = CpuBudget.shared(settings.intraOpThreads());
    }

    public CpuBudget budget() {
        return budget;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** Opens and warms up the model with zero inputs of the smallest legal shape. */
    public ModelSession open(String modelId, Path onnxFile) {
        return open(modelId, onnxFile, WarmUp.ZEROS);
    }

    /** Opens the model, then runs {@code warmUp} once; its runs parallelise within each run. */
    public ModelSession open(String modelId, Path onnxFile, WarmUp warmUp) {
        return open(modelId, onnxFile, warmUp, RunParallelism.WITHIN_RUN);
    }

    /**
     * Opens the model, then runs {@code warmUp} once.
     *
     * @throws DeviceUnavailableException when the requested device cannot be used
     * @throws ModelLoadException         when ONNX Runtime cannot load or run the file
     */
    public ModelSession open(String modelId, Path onnxFile, WarmUp warmUp, RunParallelism parallelism) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new ModelLoadException(
                    "model '" + modelId + "': no ONNX file at " + onnxFile + "; fetch it with: montage models pull "
                            + modelId,
                    null);
        }
        long start = System.nanoTime();
        Set<String> operators = OnnxOperators.of(onnxFile);
        ModelSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            int threads = parallelism == RunParallelism.ACROSS_RUNS ? 1 : budget.threads();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(settings.interOpThreads());
            // Idle pool threads that spin wait for the next operator burn CPU the other stages need.
            options.addConfigEntry("session.intra_op.allow_spinning", settings.spinning() ? "1" : "0");
            options.setCPUArenaAllocator(settings.cpuArena());
            Device device = ExecutionProviders.configure(options, settings.device(), modelId);
            // A GPU run keeps one CPU thread busy launching kernels and running what stays on the CPU.
            int permits = device instanceof Device.Cpu ? threads : 1;
            session = new ModelSession(
                    modelId,
                    environment,
                    environment.createSession(onnxFile.toString(), options),
                    device,
                    budget,
                    permits,
                    operators);
        } catch (OrtException e) {
            throw new ModelLoadException(
                    "model '" + modelId + "': ONNX Runtime cannot load " + onnxFile + ": " + e.getMessage()
                            + "; check the file with: montage models verify " + modelId,
                    e);
        }
        long loaded = System.nanoTime();
        try {
            warmUp.run(session);
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw new ModelLoadException(
                    "model '" + modelId + "' loaded but its warm-up run failed: " + e.getMessage(), e);
        }
        long warmed = System.nanoTime();
        LOG.info(
                "model '{}' loaded in {} ms, warmed up in {} ms on {} (inputs {}, outputs {})",
                modelId,
                (loaded - start) / 1_000_000,
                (warmed - loaded) / 1_000_000,
                session.device(),
                session.inputs().values(),
                session.outputs().values());
        return session;
    }

    /** A first inference run at load time, so the first real request does not pay for allocation. */
    @FunctionalInterface
    public interface WarmUp {
        void run(ModelSession session) throws OrtException;

        WarmUp NONE = session -> {};

        /**
         * Zero inputs with every dynamic axis set to 1. Best effort: a model whose dynamic axes cannot be 1
         * (image channels, say) logs a WARN and loads un-warmed; tasks that know their shapes pass their own.
         */
        WarmUp ZEROS = session -> {
            try (InputFeeds feeds = WarmUpInputs.zeros(session.environment(), session.inputs());
                    OrtSession.Result ignored = session.run(feeds)) {
                // only the side effect of running matters
            } catch (OrtException e) {
                LOG.warn(
                        "model '{}': generic warm-up with zero inputs of size 1 did not run ({}); the first request pays"
                                + " the warm-up cost. Pass a task-specific WarmUp to ModelRuntime.open",
                        session.modelId(),
                        e.getMessage());
            }
        };
    }
}
