package io.montage.topology.models;

/**
 * Whether a stage runs in this instance, and if not, why.
 *
 * @param summary one line for the start-up listing: the model and device, or why it is off and the
 *                command that fixes it
 * @param detail  everything known (each file, each source tried), for {@code /ready} and debug logs
 */
public record StageStatus(String stage, boolean on, String summary, String detail) {

    public static StageStatus on(String stage, String summary) {
        return new StageStatus(stage, true, summary, summary);
    }

    public static StageStatus off(String stage, String summary, String detail) {
        return new StageStatus(stage, false, summary, detail);
    }

    /** The start-up line: {@code caption: off — model florence-2-base-ft: …; fix: …}. */
    public String line() {
        return stage + ": " + (on ? "on (" + summary + ")" : "off \u2014 " + summary);
    }

    /** The full form, for {@code /ready}. */
    public String describe() {
        return stage + "=" + (on ? "on" : "off") + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
