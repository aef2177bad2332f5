package io.montage.models.natives;

import java.util.Objects;

/**
 * A native library set Montage cannot work without, and how to load it.
 *
 * @param name    what a user knows it as: "FFmpeg", "ONNX Runtime"
 * @param purpose what Montage uses it for, in a phrase: "decoding every upload"
 * @param loader  loads the libraries; throws whatever the loader throws when one cannot be loaded
 */
public record NativeComponent(String name, String purpose, Loader loader) {

    /** Loads a component's libraries. Implementations are idempotent: a second call is cheap. */
    @FunctionalInterface
    public interface Loader {
        void load() throws Throwable;
    }

    public NativeComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(loader, "loader");
    }
}
