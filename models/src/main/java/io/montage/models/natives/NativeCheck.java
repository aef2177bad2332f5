package io.montage.models.natives;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loads every native library set Montage needs, once, at start, so that a machine missing a
 * system library is told so in one message before anything is consumed — instead of a stack trace
 * from the first upload, or valid uploads dead-lettered because of the machine.
 */
public final class NativeCheck {

    private final List<NativeComponent> components;

    public NativeCheck(List<NativeComponent> components) {
        this.components = List.copyOf(Objects.requireNonNull(components, "components"));
    }

    /** Every component that failed to load; empty when all loaded. */
    public List<NativeLoadFailure> failures() {
        List<NativeLoadFailure> failures = new ArrayList<>();
        for (NativeComponent component : components) {
            try {
                component.loader().load();
            } catch (Throwable t) { // NOPMD: UnsatisfiedLinkError and ExceptionInInitializerError are what we are after
                failures.add(NativeLoadFailure.of(component, t));
            }
        }
        return failures;
    }

    /** @throws NativeLibrariesUnavailableException naming every component that did not load */
    public void requireAll() {
        List<NativeLoadFailure> failures = failures();
        if (!failures.isEmpty()) {
            throw new NativeLibrariesUnavailableException(failures);
        }
    }

    public List<NativeComponent> components() {
        return components;
    }
}
