package io.montage.models.runtime;

/**
 * How sessions are created.
 *
 * @param device           where models run
 * @param intraOpThreads   the process's model CPU budget ({@link CpuBudget}) and the intra-op pool of
 *                         sessions that parallelise within a run; 0 = one per available core
 * @param interOpThreads   threads across independent operators; Montage's graphs run sequentially, so 1
 * @param spinning         whether idle pool threads spin-wait for the next operator: a little lower latency
 *                         per operator, for CPU that Kafka's threads and FFmpeg then cannot use. Off by default.
 */
public record RuntimeSettings(Device device, int intraOpThreads, int interOpThreads, boolean spinning) {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default), got intra="
                    + intraOpThreads + " inter=" + interOpThreads);
        }
    }

    public static RuntimeSettings cpu() {
        return new RuntimeSettings(Device.CPU, 0, 1, false);
    }

    public RuntimeSettings withDevice(Device newDevice) {
        return new RuntimeSettings(newDevice, intraOpThreads, interOpThreads, spinning);
    }

    public RuntimeSettings withThreads(int intra, int inter) {
        return new RuntimeSettings(device, intra, inter, spinning);
    }

    public RuntimeSettings withSpinning(boolean spin) {
        return new RuntimeSettings(device, intraOpThreads, interOpThreads, spin);
    }
}
