package io.montage.models.runtime;

/**
 * How sessions are created.
 *
 * @param device           where models run
 * @param intraOpThreads   threads inside one operator; 0 lets ONNX Runtime choose (one per physical core)
 * @param interOpThreads   threads across independent operators; 0 lets ONNX Runtime choose. Models here are
 *                         mostly sequential graphs, so 1 avoids idle spinning threads.
 */
public record RuntimeSettings(Device device, int intraOpThreads, int interOpThreads) {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default), got intra="
                    + intraOpThreads + " inter=" + interOpThreads);
        }
    }

    public static RuntimeSettings cpu() {
        return new RuntimeSettings(Device.CPU, 0, 1);
    }

    public RuntimeSettings withDevice(Device newDevice) {
        return new RuntimeSettings(newDevice, intraOpThreads, interOpThreads);
    }

    public RuntimeSettings withThreads(int intra, int inter) {
        return new RuntimeSettings(device, intra, inter);
    }
}
