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

    private static String message(String modelId, List<Problem> problems) {
        var text = new StringBuilder("model '").append(modelId).append("' is not available:");
        for (Problem p : problems) {
            text.append("\n  file '").append(p.fileName()).append("' ").append(p.problem())
                    .append(" (looked for it at ").append(p.lookedAt()).append(')');
            if (p.attempts().isEmpty()) {
                text.append("\n    no source was tried");
            }
            for (SourceAttempt a : p.attempts()) {
                text.append("\n    ").append(a.describe());
            }
        }
        return text.append("\n  Fetch it with: montage models pull ").append(modelId).toString();
    }
}
