package io.montage.models.store;

/** Whether a model can be started from the cache right now; what {@code montage run} checks per stage. */
public sealed interface ModelAvailability {

    String modelId();

    record Available(String modelId, ModelFiles files, boolean unpinned) implements ModelAvailability {}

    record Unavailable(String modelId, String reason) implements ModelAvailability {}

    default boolean available() {
        return this instanceof Available;
    }
}
