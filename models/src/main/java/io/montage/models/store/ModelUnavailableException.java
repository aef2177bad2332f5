package io.montage.models.store;

import java.nio.file.Path;
import java.util.List;

/** A model's files are missing or corrupt and no source could supply them; the message says what to do. */
public final class ModelUnavailableException extends Exception {

    private final String modelId;
    private final List<Problem> problems;

    /** One file that is not usable: where it was looked for, what is wrong, and every source tried. */
    public record Problem(String fileName, Path lookedAt, String problem, List<SourceAttempt> attempts) {
        public Problem {
            attempts = List.copyOf(attempts);
        }
    }

    public ModelUnavailableException(String modelId, List<Problem> problems) {
        super(message(modelId, problems));
        this.modelId = modelId;
        this.problems = List.copyOf(problems);
    }

    public String modelId() {
        return modelId;
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One line for a start-up listing: what is wrong in a phrase and the command that fixes it.
     * {@link #getMessage()} keeps every file and source tried, for {@code /ready}, {@code montage
     * models verify} and debug logs.
     */
    public String summary() {
        List<SourceAttempt> attempts =
                problems.stream().flatMap(p -> p.attempts().stream()).toList();
        List<String> unreachable = attempts.stream()
                .filter(a -> a.outcome() == SourceAttempt.Outcome.UNREACHABLE)
                .map(SourceAttempt::sourceName)
                .distinct()
                .toList();
        boolean corrupt = problems.stream().anyMatch(p -> p.problem().startsWith("is corrupt"));
        boolean offline = !attempts.isEmpty()
                && attempts.stream().allMatch(a -> a.outcome() == SourceAttempt.Outcome.SKIPPED_OFFLINE);
        String why;
        if (offline) {
            why = "not in the model cache, and montage.models.offline is set";
        } else if (!unreachable.isEmpty()) {
            why = (corrupt ? "a cached file is corrupt" : "not in the model cache") + ", and "
                    + String.join(" and ", unreachable) + (unreachable.size() == 1 ? " is" : " are") + " unreachable";
        } else if (corrupt) {
            why = "a cached file is corrupt and could not be fetched again";
        } else {
            why = "its files could not be fetched ("
                    + attempts.stream().map(SourceAttempt::failure).findFirst().orElse("no source lists them") + ")";
        }
        String where = offline
                ? " with montage.models.offline=false"
                : unreachable.isEmpty()
                        ? ""
                        : " where " + String.join(" and ", unreachable) + " can be reached"
                                + (unreachable.contains("Hugging Face")
                                        ? " (or with HF_ENDPOINT set to a mirror)"
                                        : "");
        return "model " + modelId + ": " + why + "; fix: montage models pull " + modelId + where;
    }

    private static String message(String modelId, List<Problem> problems) {
        var text = new StringBuilder("model '").append(modelId).append("' is not available:");
        for (Problem p : problems) {
            text.append("\n  file '")
                    .append(p.fileName())
                    .append("' ")
                    .append(p.problem())
                    .append(" (looked for it at ")
                    .append(p.lookedAt())
                    .append(')');
            if (p.attempts().isEmpty()) {
                text.append("\n    no source was tried");
            }
            for (SourceAttempt a : p.attempts()) {
                text.append("\n    ").append(a.describe());
            }
        }
        return text.append("\n  Fetch it with: montage models pull ")
                .append(modelId)
                .toString();
    }
}
