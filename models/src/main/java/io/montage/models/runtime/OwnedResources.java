package io.montage.models.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The resources one object opened (sessions, tokenizers, batchers, tensors), closed together in
 * reverse order of opening, so that what was opened last (a batcher draining into its sessions) is
 * closed first. Every one is closed even when another fails; the first failure is thrown, the later
 * ones suppressed on it.
 *
 * <p>Montage closes native resources in one of two ways: try-with-resources where they live within
 * one block, and this type where an object owns several for its lifetime. A constructor opens them
 * inside {@code try (OwnedResources opening = ...)}, so a failure half-way closes what it already
 * opened, and ends with {@link #handOver()}. Written here because Guava's {@code Closer}, the
 * nearest library type, takes only {@code Closeable} (IOException), while ONNX Runtime's tensors and
 * results, DJL's tokenizers and Montage's sessions and batchers are {@code AutoCloseable}.
 */
public final class OwnedResources implements AutoCloseable {

    private final String owner;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** @param owner what owns them, for the failure message: "model 'clip-vit-base-patch32'" */
    public OwnedResources(String owner) {
        this.owner = owner;
    }

    /** Takes {@code resource} (null is ignored) and returns it, so that opening and owning is one expression. */
    public <T extends AutoCloseable> T add(T resource) {
        if (resource != null) {
            opened.push(resource);
        }
        return resource;
    }

    /**
     * Moves every resource to a new owner, leaving this one empty: the last step of a constructor,
     * whose try-with-resources then closes nothing.
     */
    public OwnedResources handOver() {
        OwnedResources next = new OwnedResources(owner);
        next.opened.addAll(opened);
        opened.clear();
        return next;
    }

    /** Closes every resource of {@code resources}, last first, as an owner of them would. */
    public static void closeAll(String owner, List<? extends AutoCloseable> resources) {
        OwnedResources all = new OwnedResources(owner);
        resources.forEach(all::add);
        all.close();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("closing " + owner + " failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
