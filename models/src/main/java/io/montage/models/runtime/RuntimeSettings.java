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
 * @param cpuArena         whether CPU tensors come from ONNX Runtime's arena, which keeps every block it
 *                         ever allocated for reuse and never returns it: the resident set then stays at the
 *                         largest inputs seen (a 4K image through OCR's detector). Off, each run's tensors
 *                         are freed to the C allocator after the run, at a small cost per run. On by default.
 */
public record RuntimeSettings(
        Device device, int intraOpThreads, int interOpThreads, boolean spinning, boolean cpuArena) {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default), got intra="
                    + intraOpThreads + " inter=" + interOpThreads);
        }
    }

    public static RuntimeSettings cpu() {
        return new RuntimeSettings(Device.CPU, 0, 1, false, true);
    }

    public RuntimeSettings withDevice(Device newDevice) {
        return new RuntimeSettings(newDevice, intraOpThreads, interOpThreads, spinning, cpuArena);
    }

    public RuntimeSettings withThreads(int intra, int inter) {
        return new RuntimeSettings(device, intra, inter, spinning, cpuArena);
    }

    public RuntimeSettings withSpinning(boolean spin) {
        return new RuntimeSettings(device, intraOpThreads, interOpThreads, spin, cpuArena);
    }

    public RuntimeSettings withCpuArena(boolean arena) {
        return new RuntimeSettings(device, intraOpThreads, interOpThreads, spinning, arena);
    }
}
