package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void parsesEveryDeviceSpelling() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse(" AUTO ")).isEqualTo(Device.AUTO);
        assertThat(Device.parse("cuda")).isEqualTo(new Device.Cuda(0));
        assertThat(Device.parse("cuda:3")).isEqualTo(new Device.Cuda(3));
        assertThat(Device.parse("cuda:3").toString()).isEqualTo("cuda:3");
    }

    @Test
    void rejectsUnknownDevicesWithTheAcceptedSpellings() {
        assertThatThrownBy(() -> Device.parse("gpu"))
                .hasMessageContaining("unknown device 'gpu'")
                .hasMessageContaining("cpu, cuda, cuda:N or auto");
        assertThatThrownBy(() -> Device.parse("cuda:x")).hasMessageContaining("e.g. cuda:0");
        assertThatThrownBy(() -> Device.parse("cuda:-1")).hasMessageContaining(">= 0");
    }

    @Test
    void cudaOnAMachineWithoutItFailsLoudlyNamingWhatIsMissing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has CUDA; the failure path cannot be shown here");
        var runtime = new ModelRuntime(RuntimeSettings.cpu().withDevice(Device.parse("cuda")));
        assertThatThrownBy(() -> runtime.open("tiny-clip-vision", tinyModel("clip/vision_model.onnx")))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("device cuda:0 was requested for model 'tiny-clip-vision'")
                .hasMessageContaining("onnxruntime_gpu")
                .hasMessageContaining("libonnxruntime_providers_cuda.so")
                .hasMessageContaining("libcudnn.so.9")
                .hasMessageContaining("--device cpu");
    }

    @Test
    void autoFallsBackToCpuWhenCudaIsUnavailable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
        var runtime = new ModelRuntime(RuntimeSettings.cpu().withDevice(Device.AUTO));
        try (ModelSession session = runtime.open("tiny-clip-vision", tinyModel("clip/vision_model.onnx"))) {
            assertThat(session.device()).isEqualTo(Device.CPU);
        }
    }

    static Path tinyModel(String name) throws URISyntaxException {
        return Path.of(DeviceTest.class.getResource("/tiny/" + name).toURI());
    }
}
