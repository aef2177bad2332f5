package io.montage.models.natives;

import java.util.List;
import java.util.stream.Collectors;

/**
 * This machine lacks a system library that a native dependency needs. It is a fault of the
 * machine, never of an input: stages treat it as "unavailable" (stop and retry from the last
 * commit), not as a dead-letter.
 */
public final class NativeLibrariesUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<NativeLoadFailure> failures;

    public NativeLibrariesUnavailableException(List<NativeLoadFailure> failures) {
        super(message(failures));
        this.failures = List.copyOf(failures);
    }

    public List<NativeLoadFailure> failures() {
        return failures;
    }

    private static String message(List<NativeLoadFailure> failures) {
        return failures.stream().map(NativeLoadFailure::describe).collect(Collectors.joining("\n"));
    }
}
