package io.montage.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the execution provider for a {@link Device} on session options. An explicit {@code cuda} that
 * cannot load is an error naming what is missing; {@code auto} falls back to CPU but says so at WARN.
 */
final class ExecutionProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);

    /** What ONNX Runtime 1.23's CUDA provider needs (onnxruntime.ai CUDA execution provider requirements). */
    static final String CUDA_REQUIREMENTS =
            "the com.microsoft.onnxruntime:onnxruntime_gpu artifact instead of onnxruntime "
                    + "(build with -Donnxruntime.artifact=onnxruntime_gpu), which loads libonnxruntime_providers_cuda.so, plus CUDA 12 "
                    + "(libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcufft.so.11) and cuDNN 9 (libcudnn.so.9) on the "
                    + "library path (LD_LIBRARY_PATH), and an NVIDIA driver";

    private ExecutionProviders() {}

    /** Configures {@code options} and returns the device that will actually run the model. */
    static Device configure(OrtSession.SessionOptions options, Device requested, String modelId) {
        if (requested instanceof Device.Cpu) {
            return requested;
        }
        if (requested instanceof Device.Cuda cuda) {
            addCuda(options, cuda, modelId);
            return cuda;
        }
        var cuda = new Device.Cuda(0);
        try {
            addCuda(options, cuda, modelId);
            LOG.warn("device=auto: model '{}' runs on CUDA device 0", modelId);
            return cuda;
        } catch (DeviceUnavailableException e) {
            LOG.warn(
                    "device=auto: model '{}' runs on CPU because CUDA is unavailable: {}",
                    modelId,
                    e.getCause().getMessage());
            return Device.CPU;
        }
    }

    private static void addCuda(OrtSession.SessionOptions options, Device.Cuda cuda, String modelId) {
        boolean built = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        try {
            options.addCUDA(cuda.deviceId());
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            String why = built
                    ? "ONNX Runtime has a CUDA provider but could not load it (" + e.getMessage() + ")"
                    : "this ONNX Runtime build has no CUDA provider (available: "
                            + OrtEnvironment.getAvailableProviders() + "; ONNX Runtime said: " + e.getMessage() + ")";
            throw new DeviceUnavailableException(
                    "device " + cuda + " was requested for model '" + modelId + "' but " + why + ". CUDA needs "
                            + CUDA_REQUIREMENTS + ". Use --device cpu to run on the CPU.",
                    e);
        }
    }
}
