package io.montage.models.runtime;

import java.util.Locale;

/** Where a model runs: {@code cpu}, {@code cuda[:N]} or {@code auto} (CUDA device 0 when it loads, else CPU). */
public sealed interface Device {

    record Cpu() implements Device {
        @Override
        public String toString() {
            return "cpu";
        }
    }

    record Cuda(int deviceId) implements Device {
        public Cuda {
            if (deviceId < 0) {
                throw new IllegalArgumentException("CUDA device id must be >= 0, got " + deviceId);
            }
        }

        @Override
        public String toString() {
            return "cuda:" + deviceId;
        }
    }

    record Auto() implements Device {
        @Override
        public String toString() {
            return "auto";
        }
    }

    Device CPU = new Cpu();
    Device AUTO = new Auto();

    /** Parses {@code cpu}, {@code cuda}, {@code cuda:N}, {@code auto} (case-insensitive). */
    public static Device parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("device is missing; use cpu, cuda, cuda:N or auto");
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("cpu")) {
            return CPU;
        }
        if (value.equals("auto")) {
            return AUTO;
        }
        if (value.equals("cuda")) {
            return new Cuda(0);
        }
        if (value.startsWith("cuda:")) {
            try {
                return new Cuda(Integer.parseInt(value.substring(5)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid device '" + text + "': the CUDA device id must be a number >= 0," + " e.g. cuda:0", e);
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; use cpu, cuda, cuda:N or auto");
    }
}
