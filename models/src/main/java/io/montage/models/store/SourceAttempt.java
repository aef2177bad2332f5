package io.montage.models.store;

/** One source tried for one file, and why it did not deliver. */
public record SourceAttempt(String source, String pathInSource, String failure) {

    public String describe() {
        return "tried " + source + (pathInSource == null ? "" : " (" + pathInSource + ")") + ": " + failure;
    }
}
