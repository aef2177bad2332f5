package io.montage.models.store;

/**
 * One source tried for one file, and why it did not deliver.
 *
 * @param source       the source as the catalog describes it ("huggingface Xenova/clip@main")
 * @param sourceName   the source as a user names it ("Hugging Face")
 * @param pathInSource the file's path inside the source, where there is one
 * @param failure      what went wrong, in the fetcher's words
 * @param outcome      the kind of failure, which decides the one-line summary of a missing model
 */
public record SourceAttempt(String source, String sourceName, String pathInSource, String failure, Outcome outcome) {

    /** Why a source did not deliver, in the classes a one-line summary distinguishes. */
    public enum Outcome {
        /** The network or the host could not be reached. */
        UNREACHABLE,
        /** Not tried: the store is offline and the source needs the network. */
        SKIPPED_OFFLINE,
        /** Tried and refused or failed: not found, a bad download, a tool missing. */
        FAILED
    }

    public String describe() {
        return "tried " + source + (pathInSource == null ? "" : " (" + pathInSource + ")") + ": " + failure;
    }
}
