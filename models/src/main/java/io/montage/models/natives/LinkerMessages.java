package io.montage.models.natives;

/** The most specific message in a chain of causes: the linker's, not the wrapper's. */
final class LinkerMessages {

    private LinkerMessages() {}

    static String innermost(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
